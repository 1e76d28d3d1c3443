package org.gridintake.routes.intake;

import java.util.regex.Pattern;

/**
 * Reads a number a client wrote as text (form fields, query parameters) the way people
 * write decimals. {@link Double#parseDouble} also takes Java's own spellings —
 * {@code NaN}, {@code Infinity}, hexadecimal {@code 0x1p3}, a trailing {@code d} or
 * {@code f} — which no map or form sends and which would turn a typo into a place.
 */
public final class DecimalText {

	private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d{1,3})?");

	private DecimalText() {
	}

	/**
	 * @param text the text, surrounding blanks allowed
	 * @return the finite number it writes, or {@code null} when it writes none
	 */
	public static Double parse(String text) {
		if (text == null) {
			return null;
		}
		String stripped = text.strip();
		if (stripped.length() > 64 || !DECIMAL.matcher(stripped).matches()) {
			return null;
		}
		double parsed = Double.parseDouble(stripped);
		return Double.isFinite(parsed) ? parsed : null;
	}

}
