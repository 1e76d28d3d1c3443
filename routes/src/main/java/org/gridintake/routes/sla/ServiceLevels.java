package org.gridintake.routes.sla;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.Set;

import org.gridintake.routes.geo.GridLevel;

/**
 * How long a platform has to accept a case and to resolve it, per category and level:
 * acceptance is counted in clock time (a case may be urgent at night), resolution in
 * working days, as the city's service commitments are written.
 */
public final class ServiceLevels {

	private final Target defaults;

	private final Map<String, Target> byCategoryAndLevel;

	private final Set<DayOfWeek> workingDays;

	private final Set<LocalDate> holidays;

	private final ZoneId zone;

	/**
	 * @param byCategoryAndLevel overrides keyed {@code <category>} or
	 * {@code <category>/<level>} (the latter wins)
	 */
	public ServiceLevels(Target defaults, Map<String, Target> byCategoryAndLevel, Set<DayOfWeek> workingDays,
			Set<LocalDate> holidays, ZoneId zone) {
		if (workingDays.isEmpty()) {
			throw new IllegalArgumentException("at least one working day is needed");
		}
		this.defaults = defaults;
		this.byCategoryAndLevel = Map.copyOf(byCategoryAndLevel);
		this.workingDays = Set.copyOf(workingDays);
		this.holidays = Set.copyOf(holidays);
		this.zone = zone;
	}

	public Target target(String categoryCode, GridLevel level) {
		Target specific = (categoryCode != null && level != null)
				? this.byCategoryAndLevel.get(categoryCode + "/" + level.code()) : null;
		if (specific != null) {
			return specific;
		}
		Target byCategory = (categoryCode != null) ? this.byCategoryAndLevel.get(categoryCode) : null;
		return (byCategory != null) ? byCategory : this.defaults;
	}

	/** When a case forwarded at {@code forwardedAt} must have been accepted. */
	public Instant acceptDue(String categoryCode, GridLevel level, Instant forwardedAt) {
		return forwardedAt.plus(target(categoryCode, level).accept());
	}

	/**
	 * When a case forwarded at {@code forwardedAt} must have been resolved: the same time
	 * of day, that many working days later (weekends and holidays do not count).
	 */
	public Instant resolveDue(String categoryCode, GridLevel level, Instant forwardedAt) {
		ZonedDateTime due = forwardedAt.atZone(this.zone);
		int left = target(categoryCode, level).resolveWorkingDays();
		while (left > 0) {
			due = due.plusDays(1);
			if (isWorkingDay(due.toLocalDate())) {
				left--;
			}
		}
		return due.toInstant();
	}

	public boolean isWorkingDay(LocalDate day) {
		return this.workingDays.contains(day.getDayOfWeek()) && !this.holidays.contains(day);
	}

	/**
	 * @param accept time to accept a forwarded case
	 * @param resolveWorkingDays working days to resolve it
	 */
	public record Target(Duration accept, int resolveWorkingDays) {

		public Target {
			if (accept == null || accept.isNegative() || accept.isZero()) {
				throw new IllegalArgumentException("time to accept must be positive, not " + accept);
			}
			if (resolveWorkingDays < 1) {
				throw new IllegalArgumentException(
						"working days to resolve must be at least 1, not " + resolveWorkingDays);
			}
		}

	}

}
