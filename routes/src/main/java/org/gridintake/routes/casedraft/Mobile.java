package org.gridintake.routes.casedraft;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A mainland China mobile number, kept as 11 digits. {@link #toString()} masks the middle
 * four digits so that a number never reaches a log line in full by accident.
 */
public record Mobile(String digits) {

	private static final Pattern MAINLAND_MOBILE = Pattern.compile("1[3-9]\\d{9}");

	public Mobile {
		if (digits == null || !MAINLAND_MOBILE.matcher(digits).matches()) {
			throw new IllegalArgumentException("not an 11-digit mainland mobile number");
		}
	}

	/**
	 * Parses what people and systems send: spaces and dashes, a {@code +86}, {@code 86}
	 * or {@code 0086} prefix.
	 */
	public static Optional<Mobile> parse(String raw) {
		if (raw == null) {
			return Optional.empty();
		}
		String digits = raw.replaceAll("[\\s-]", "");
		if (digits.startsWith("+86")) {
			digits = digits.substring(3);
		}
		else if (digits.startsWith("0086")) {
			digits = digits.substring(4);
		}
		else if (digits.startsWith("86") && digits.length() == 13) {
			digits = digits.substring(2);
		}
		return MAINLAND_MOBILE.matcher(digits).matches() ? Optional.of(new Mobile(digits)) : Optional.empty();
	}

	/**
	 * {@code 138****5678}: what logs and platforms without the right to the number see.
	 */
	public String masked() {
		return mask(this.digits);
	}

	/**
	 * Masks any telephone number as it arrived (a landline, a foreign or malformed
	 * sender): the first three and last four digits stay, so staff can tell numbers
	 * apart; a number too short to hide anything in the middle shows as stars only.
	 */
	public static String mask(String number) {
		if (number == null || number.length() < 8) {
			return "****";
		}
		return number.substring(0, 3) + "****" + number.substring(number.length() - 4);
	}

	@Override
	public String toString() {
		return masked();
	}

}
