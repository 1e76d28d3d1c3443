package org.gridintake.routes.casedraft;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The number residents read, say on the phone and type back: district prefix, date and
 * serial, e.g. {@code QH20260701-000123}.
 */
public record CaseNumber(String value) {

	private static final Pattern FORMAT = Pattern.compile("[A-Z]{1,6}\\d{8}-\\d{6,}");

	private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;

	public CaseNumber {
		if (value == null || !FORMAT.matcher(value).matches()) {
			throw new IllegalArgumentException("not a case number: " + value);
		}
	}

	public static CaseNumber of(String districtPrefix, LocalDate day, long serial) {
		return new CaseNumber(districtPrefix + DAY.format(day) + "-" + String.format(Locale.ROOT, "%06d", serial));
	}

	/** Accepts what residents type: lower case, spaces, a full-width dash. */
	public static Optional<CaseNumber> parse(String typed) {
		if (typed == null) {
			return Optional.empty();
		}
		String cleaned = typed.trim().toUpperCase(Locale.ROOT).replace('－', '-').replace(" ", "");
		return FORMAT.matcher(cleaned).matches() ? Optional.of(new CaseNumber(cleaned)) : Optional.empty();
	}

	@Override
	public String toString() {
		return this.value;
	}

}
