package org.gridintake.routes.notify;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Objects;

import org.gridintake.routes.sms.QuietHours;

/**
 * At most {@code maxPerDay} progress texts to one number per local day; the rest wait for
 * the next day's first hour outside the quiet hours. Replies and opt-out confirmations
 * answer something the resident just sent and are never held or counted.
 */
public record DailyTextLimit(int maxPerDay, ZoneId zone, QuietHours quietHours) {

	public DailyTextLimit {
		if (maxPerDay < 1) {
			throw new IllegalArgumentException("maxPerDay must be at least 1");
		}
		Objects.requireNonNull(zone, "zone");
		Objects.requireNonNull(quietHours, "quietHours");
	}

	public boolean applies(SmsKind kind) {
		return kind == SmsKind.STATUS;
	}

	public LocalDate day(Instant at) {
		return at.atZone(this.zone).toLocalDate();
	}

	/** When a text held on {@code day} may go. */
	public Instant nextDayFrom(LocalDate day) {
		return this.quietHours.nextAllowed(day.plusDays(1).atStartOfDay(this.zone).toInstant());
	}

}
