package org.gridintake.routes.sms;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * The night hours when progress texts wait until morning. A reply to a message the
 * resident has just sent is not held: they are awake and waiting for it.
 */
public record QuietHours(LocalTime start, LocalTime end, ZoneId zone) {

	/** The earliest moment at or after {@code at} that is outside the quiet hours. */
	public Instant nextAllowed(Instant at) {
		if (this.start.equals(this.end)) {
			return at;
		}
		ZonedDateTime local = at.atZone(this.zone);
		LocalTime time = local.toLocalTime();
		boolean overnight = this.start.isAfter(this.end);
		boolean quiet = overnight ? (!time.isBefore(this.start) || time.isBefore(this.end))
				: (!time.isBefore(this.start) && time.isBefore(this.end));
		if (!quiet) {
			return at;
		}
		ZonedDateTime end = local.with(this.end);
		if (!end.isAfter(local)) {
			end = end.plusDays(1);
		}
		return end.toInstant();
	}

}
