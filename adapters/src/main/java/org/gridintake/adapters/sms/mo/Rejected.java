package org.gridintake.adapters.sms.mo;

/**
 * Lets the helpers of a codec stop at the first problem; each codec's entry turns it into
 * {@link DecodeResult.Invalid}, so it never leaves this package.
 */
final class Rejected extends Exception {

	private static final long serialVersionUID = 1L;

	Rejected(String reason) {
		// an expected outcome for bad input: a stack trace would only cost time
		super(reason, null, false, false);
	}

}
