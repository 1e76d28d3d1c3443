package org.gridintake.adapters.sms.mo;

import java.util.Objects;

/**
 * The text of one mobile-originated deliver_sm: a whole message, or one part of a
 * concatenated one.
 *
 * @param text the decoded text, without the user data header. A UCS2 part may end with
 * the high half of a surrogate pair whose low half starts the next part (and that next
 * part then starts with it); whoever joins the parts must check the joined text.
 * @param concatenation where this part belongs; {@code null} for a message that came
 * whole
 * @param alphabet the alphabet the text was read in
 */
record MoMessage(String text, Concatenation concatenation, Alphabet alphabet) {

	MoMessage {
		Objects.requireNonNull(text, "text");
		Objects.requireNonNull(alphabet, "alphabet");
	}

	boolean isPart() {
		return this.concatenation != null;
	}

	enum Alphabet {

		/**
		 * GSM 03.38 default alphabet with its extension table, one septet per octet as
		 * SMPP carries it.
		 */
		GSM7,

		/** IA5 (ITU-T T.50), read as US-ASCII. */
		IA5,

		/** ISO-8859-1. */
		LATIN1,

		/** ISO-8859-5. */
		CYRILLIC,

		/** ISO-8859-8. */
		HEBREW,

		/**
		 * UCS2, read as UTF-16BE: handsets send emoji and rare CJK characters as
		 * surrogate pairs, which strict UCS2 could not carry.
		 */
		UCS2

	}

}
