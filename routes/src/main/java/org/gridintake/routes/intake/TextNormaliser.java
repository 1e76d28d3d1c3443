package org.gridintake.routes.intake;

import java.text.Normalizer;

/**
 * Brings the text of every channel to one form before anything parses it: full-width
 * letters, digits and punctuation become their usual forms (NFKC), runs of white space
 * become one space. The raw message is kept verbatim elsewhere, so nothing is lost.
 */
public class TextNormaliser {

	public IntakeWork normalise(IntakeWork work) {
		return work.withText(normaliseText(work.report().text()));
	}

	public static String normaliseText(String text) {
		if (text == null) {
			return null;
		}
		String nfkc = Normalizer.normalize(text, Normalizer.Form.NFKC);
		return nfkc.replaceAll("[\\s\\u3000]+", " ").strip();
	}

}
