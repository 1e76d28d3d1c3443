package org.gridintake.routes.figures;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import org.gridintake.routes.intake.FieldError;

/**
 * Reads the parameters of a figures request: {@code from} and {@code to} as ISO dates in
 * the city's zone (default: the last {@value #DEFAULT_DAYS} days), {@code by} one of
 * platform, street or community (default platform).
 */
public final class FiguresRequest {

	public static final int DEFAULT_DAYS = 30;

	/**
	 * A period longer than this is refused: it would scan years of history per request.
	 */
	public static final int MAX_DAYS = 366;

	private FiguresRequest() {
	}

	/** The query, or the fields that are wrong. */
	public static Result read(String from, String to, String by, ZoneId zone, Instant now) {
		List<FieldError> errors = new ArrayList<>();
		LocalDate today = LocalDate.ofInstant(now, zone);
		LocalDate toDate = date("to", to, today, errors);
		LocalDate fromDate = date("from", from, (toDate != null) ? toDate.minusDays(DEFAULT_DAYS - 1) : null, errors);
		Grouping grouping = Grouping.PLATFORM;
		if (by != null) {
			grouping = Grouping.fromCode(by.trim()).orElse(null);
			if (grouping == null) {
				errors.add(new FieldError("by", "must be platform, street or community"));
			}
		}
		if (fromDate != null && toDate != null) {
			if (toDate.isBefore(fromDate)) {
				errors.add(new FieldError("to", "must not be before from"));
			}
			else if (fromDate.plusDays(MAX_DAYS).isBefore(toDate.plusDays(1))) {
				errors.add(new FieldError("from", "the period may be at most " + MAX_DAYS + " days"));
			}
		}
		if (!errors.isEmpty()) {
			return new Result(null, errors);
		}
		return new Result(new FiguresQuery(fromDate, toDate, zone, grouping, now), List.of());
	}

	private static LocalDate date(String field, String value, LocalDate fallback, List<FieldError> errors) {
		if (value == null || value.isBlank()) {
			return fallback;
		}
		try {
			return LocalDate.parse(value.trim());
		}
		catch (DateTimeParseException ex) {
			errors.add(new FieldError(field, "must be a date like 2025-03-01"));
			return null;
		}
	}

	/** Either a query or what is wrong with the request. */
	public record Result(FiguresQuery query, List<FieldError> errors) {

		public Result {
			errors = List.copyOf(errors);
		}

	}

}
