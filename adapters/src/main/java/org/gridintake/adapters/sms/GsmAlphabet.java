package org.gridintake.adapters.sms;

import java.io.ByteArrayOutputStream;
import java.util.HashMap;
import java.util.Map;

/**
 * The GSM 03.38 default alphabet: its basic table and the extension table reached through
 * the escape septet. SMPP carries GSM text unpacked, one septet per octet, so encoding
 * here stops short of the 7-bit packing that the SMSC does for the air interface.
 */
final class GsmAlphabet {

	static final int ESCAPE = 0x1B;

	/** Index = septet; the escape position holds a placeholder that is never matched. */
	private static final String BASIC = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\uFFFFÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
			+ "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";

	private static final Map<Character, Integer> BASIC_SEPTETS = new HashMap<>();

	private static final Map<Character, Integer> EXTENSION_SEPTETS = Map.of('\f', 0x0A, '^', 0x14, '{', 0x28, '}', 0x29,
			'\\', 0x2F, '[', 0x3C, '~', 0x3D, ']', 0x3E, '|', 0x40, '€', 0x65);

	static {
		if (BASIC.length() != 128) {
			throw new IllegalStateException("GSM basic table must have 128 entries, has " + BASIC.length());
		}
		for (int septet = 0; septet < BASIC.length(); septet++) {
			if (septet != ESCAPE) {
				BASIC_SEPTETS.put(BASIC.charAt(septet), septet);
			}
		}
	}

	private GsmAlphabet() {
	}

	/**
	 * Whether every character of the text has a place in the basic or extension table.
	 */
	static boolean canEncode(CharSequence text) {
		for (int i = 0; i < text.length(); i++) {
			if (septets(text.charAt(i)) == 0) {
				return false;
			}
		}
		return true;
	}

	/**
	 * How many septets the character takes: 1 in the basic table, 2 in the extension
	 * table (escape + septet), 0 if the alphabet has no place for it.
	 */
	static int septets(char c) {
		if (BASIC_SEPTETS.containsKey(c)) {
			return 1;
		}
		return EXTENSION_SEPTETS.containsKey(c) ? 2 : 0;
	}

	static int septetCount(CharSequence text) {
		int count = 0;
		for (int i = 0; i < text.length(); i++) {
			int septets = septets(text.charAt(i));
			if (septets == 0) {
				throw new IllegalArgumentException(
						"not in the GSM 03.38 alphabet: U+" + Integer.toHexString(text.charAt(i)).toUpperCase());
			}
			count += septets;
		}
		return count;
	}

	/** One septet per octet, extension characters as escape + septet. */
	static byte[] encodeUnpacked(CharSequence text) {
		ByteArrayOutputStream out = new ByteArrayOutputStream(text.length() + 8);
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			Integer basic = BASIC_SEPTETS.get(c);
			if (basic != null) {
				out.write(basic);
				continue;
			}
			Integer extension = EXTENSION_SEPTETS.get(c);
			if (extension == null) {
				throw new IllegalArgumentException(
						"not in the GSM 03.38 alphabet: U+" + Integer.toHexString(c).toUpperCase());
			}
			out.write(ESCAPE);
			out.write(extension);
		}
		return out.toByteArray();
	}

}
