package org.gridintake.routes.figures;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Objects;

/**
 * The cases received from the start of {@code from} to the end of {@code to} (both days
 * included, in the city's zone), grouped by {@code by}; deadlines count as passed when
 * they are before {@code now}.
 */
public record FiguresQuery(LocalDate from, LocalDate to, ZoneId zone, Grouping by, Instant now) {

	public FiguresQuery {
		Objects.requireNonNull(from, "from");
		Objects.requireNonNull(to, "to");
		Objects.requireNonNull(zone, "zone");
		Objects.requireNonNull(by, "by");
		Objects.requireNonNull(now, "now");
		if (to.isBefore(from)) {
			throw new IllegalArgumentException("the period ends (" + to + ") before it starts (" + from + ")");
		}
	}

	/** The last {@code days} days up to and including today, as the city counts days. */
	public static FiguresQuery lastDays(int days, ZoneId zone, Grouping by, Instant now) {
		LocalDate today = LocalDate.ofInstant(now, zone);
		return new FiguresQuery(today.minusDays(days - 1L), today, zone, by, now);
	}

	/** The first instant of the period. */
	public Instant start() {
		return this.from.atStartOfDay(this.zone).toInstant();
	}

	/** The first instant after the period. */
	public Instant end() {
		return this.to.plusDays(1).atStartOfDay(this.zone).toInstant();
	}

}
