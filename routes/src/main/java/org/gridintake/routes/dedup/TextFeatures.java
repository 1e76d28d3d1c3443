package org.gridintake.routes.dedup;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Character uni- and bi-grams of a report's words, shared by the classifier and the
 * similarity measure so both see a text the same way.
 */
final class TextFeatures {

	private TextFeatures() {
	}

	/** NFKC so full-width forms and compatibility characters residents type match. */
	static String normalise(String text) {
		return (text != null) ? Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT) : "";
	}

	/**
	 * Runs of letters in a normalised text. Digits split runs as punctuation does: they
	 * are house numbers and phone numbers, which say where, never what.
	 */
	static List<String> runs(String normalised) {
		List<String> runs = new ArrayList<>();
		StringBuilder run = new StringBuilder();
		normalised.codePoints().forEach((cp) -> {
			if (Character.isLetter(cp)) {
				run.appendCodePoint(cp);
			}
			else if (!run.isEmpty()) {
				runs.add(run.toString());
				run.setLength(0);
			}
		});
		if (!run.isEmpty()) {
			runs.add(run.toString());
		}
		return runs;
	}

	/**
	 * Every character and every pair of neighbouring characters within a run. Chinese has
	 * no spaces, so character n-grams stand in for words without a segmenter.
	 */
	static List<String> ngrams(String text) {
		List<String> grams = new ArrayList<>();
		for (String run : runs(normalise(text))) {
			int[] cps = run.codePoints().toArray();
			for (int i = 0; i < cps.length; i++) {
				grams.add(new String(cps, i, 1));
				if (i + 1 < cps.length) {
					grams.add(new String(cps, i, 2));
				}
			}
		}
		return grams;
	}

}
