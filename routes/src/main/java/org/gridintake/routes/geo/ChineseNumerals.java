package org.gridintake.routes.geo;

/**
 * Reads the house and building numbers residents write: Arabic digits ({@code 12}, full
 * width once NFKC has run), counted Chinese numerals ({@code 十二}, {@code 一百零五},
 * {@code 两百}) and numerals read out digit by digit ({@code 二零三}, {@code 一八三}), the way
 * people say longer door numbers aloud and hotline operators type them.
 */
public final class ChineseNumerals {

	/**
	 * Door and building numbers stop well before this; longer runs are something else.
	 */
	public static final int MAX_VALUE = 99_999;

	// A counted numeral for a door number has at most this many characters
	// (九千九百九十九 is seven); longer runs are not read as one number.
	private static final int MAX_CHINESE_LENGTH = 9;

	private ChineseNumerals() {
	}

	/**
	 * A number starting exactly at {@code from}.
	 * @return the value and the index after its last character, or null when no number
	 * starts there or the run is not a well-formed number
	 */
	public static Parsed parse(CharSequence text, int from) {
		if (from >= text.length()) {
			return null;
		}
		char first = text.charAt(from);
		if (first >= '0' && first <= '9') {
			return arabic(text, from);
		}
		if (digit(first) >= 0 || unit(first) > 0) {
			return chinese(text, from);
		}
		return null;
	}

	private static Parsed arabic(CharSequence text, int from) {
		int end = from;
		long value = 0;
		while (end < text.length() && text.charAt(end) >= '0' && text.charAt(end) <= '9') {
			value = value * 10 + (text.charAt(end) - '0');
			end++;
			if (value > MAX_VALUE) {
				return null;
			}
		}
		return new Parsed((int) value, end);
	}

	private static Parsed chinese(CharSequence text, int from) {
		int end = from;
		boolean counted = false;
		while (end < text.length() && (digit(text.charAt(end)) >= 0 || unit(text.charAt(end)) > 0)) {
			counted |= unit(text.charAt(end)) > 0;
			end++;
		}
		if (end - from > MAX_CHINESE_LENGTH) {
			return null;
		}
		int value = counted ? counted(text, from, end) : digitByDigit(text, from, end);
		return (value > 0 && value <= MAX_VALUE) ? new Parsed(value, end) : null;
	}

	private static int digitByDigit(CharSequence text, int from, int end) {
		// A leading 零 is how one reads "0" of a code, not a door number.
		if (end - from > 1 && digit(text.charAt(from)) == 0) {
			return -1;
		}
		int value = 0;
		for (int i = from; i < end; i++) {
			value = value * 10 + digit(text.charAt(i));
		}
		return value;
	}

	/**
	 * 十二, 二十五, 一百零五, 一百一十, and the spoken shortening 一百一 (= 110) or 两千三 (= 2300), where a
	 * last digit right after a unit counts in the next unit down.
	 */
	private static int counted(CharSequence text, int from, int end) {
		int total = 0;
		int pending = -1;
		int lastUnit = Integer.MAX_VALUE;
		boolean zeroSeen = false;
		for (int i = from; i < end; i++) {
			char c = text.charAt(i);
			int d = digit(c);
			if (d == 0) {
				zeroSeen = true;
				continue;
			}
			if (d > 0) {
				if (pending >= 0) {
					return -1;
				}
				pending = d;
				continue;
			}
			int u = unit(c);
			if (u >= lastUnit) {
				return -1;
			}
			// 十 alone means one ten, but only at the start (十二); 一百十 is not written.
			if (pending < 0) {
				if (u != 10 || i != from) {
					return -1;
				}
				pending = 1;
			}
			total += pending * u;
			pending = -1;
			lastUnit = u;
			zeroSeen = false;
		}
		if (pending >= 0) {
			boolean shortened = !zeroSeen && lastUnit >= 100 && lastUnit != Integer.MAX_VALUE;
			total += shortened ? pending * (lastUnit / 10) : pending;
		}
		return total;
	}

	private static int digit(char c) {
		return switch (c) {
			case '零', '〇' -> 0;
			case '一', '幺' -> 1;
			case '二', '两' -> 2;
			case '三' -> 3;
			case '四' -> 4;
			case '五' -> 5;
			case '六' -> 6;
			case '七' -> 7;
			case '八' -> 8;
			case '九' -> 9;
			default -> -1;
		};
	}

	private static int unit(char c) {
		return switch (c) {
			case '十' -> 10;
			case '百' -> 100;
			case '千' -> 1000;
			default -> 0;
		};
	}

	/**
	 * A number read from text.
	 *
	 * @param value the number, positive
	 * @param end index just after its last character
	 */
	public record Parsed(int value, int end) {
	}

}
