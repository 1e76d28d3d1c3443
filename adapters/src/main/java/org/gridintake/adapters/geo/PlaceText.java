package org.gridintake.adapters.geo;

import java.text.Normalizer;
import java.util.Arrays;

/**
 * A text brought to the one form both the gazetteer's names and residents' messages are
 * matched in, remembering where each character came from so a match can be reported as a
 * span of the text as received.
 * <p>
 * NFKC turns full-width digits, letters and punctuation into their usual forms. White
 * space is dropped rather than collapsed: residents and operators put spaces anywhere in
 * a place ({@code 金色家园 3号楼}), and Chinese needs none between words. The traditional forms
 * of the few characters that carry door numbers and relative words (號, 樓, 門, 對) are
 * folded to the simplified ones the gazetteer uses.
 */
final class PlaceText {

	private final String text;

	private final int[] sourceStart;

	private final int[] sourceEnd;

	private PlaceText(String text, int[] sourceStart, int[] sourceEnd) {
		this.text = text;
		this.sourceStart = sourceStart;
		this.sourceEnd = sourceEnd;
	}

	static PlaceText of(String source) {
		boolean alreadyNfkc = Normalizer.isNormalized(source, Normalizer.Form.NFKC);
		StringBuilder out = new StringBuilder(source.length());
		int[] starts = new int[source.length() + 4];
		int[] ends = new int[source.length() + 4];
		int i = 0;
		while (i < source.length()) {
			int codePoint = source.codePointAt(i);
			int next = i + Character.charCount(codePoint);
			String normal = alreadyNfkc ? null : Normalizer.normalize(source.substring(i, next), Normalizer.Form.NFKC);
			int length = (normal != null) ? normal.length() : next - i;
			for (int k = 0; k < length; k++) {
				char c = (normal != null) ? normal.charAt(k) : source.charAt(i + k);
				if (isSpace(c)) {
					continue;
				}
				if (out.length() == starts.length) {
					starts = Arrays.copyOf(starts, starts.length * 2);
					ends = Arrays.copyOf(ends, ends.length * 2);
				}
				starts[out.length()] = i;
				ends[out.length()] = next;
				out.append(fold(c));
			}
			i = next;
		}
		return new PlaceText(out.toString(), starts, ends);
	}

	/** The normalised form of a gazetteer name, as text containing it would show it. */
	static String key(String name) {
		return of(name).text();
	}

	String text() {
		return this.text;
	}

	int length() {
		return this.text.length();
	}

	/** Where normalised character {@code index} begins in the source text. */
	int sourceStart(int index) {
		return this.sourceStart[index];
	}

	/**
	 * Where the normalised span ending (exclusively) at {@code end} ends in the source.
	 */
	int sourceEnd(int end) {
		return this.sourceEnd[end - 1];
	}

	private static boolean isSpace(char c) {
		return Character.isWhitespace(c) || Character.isSpaceChar(c) || Character.getType(c) == Character.FORMAT;
	}

	private static char fold(char c) {
		return switch (c) {
			case '號' -> '号';
			case '棟' -> '栋';
			case '樓' -> '楼';
			case '對' -> '对';
			case '門' -> '门';
			case '區' -> '区';
			default -> c;
		};
	}

}
