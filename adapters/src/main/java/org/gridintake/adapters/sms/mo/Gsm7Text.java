package org.gridintake.adapters.sms.mo;

/**
 * Reads GSM 03.38 default-alphabet text as SMPP carries it: unpacked, one septet per
 * octet, extension characters as the escape septet followed by their own.
 */
final class Gsm7Text {

	private static final int ESCAPE = 0x1B;

	/**
	 * Index = septet. The escape position holds a space: 03.38 asks a receiver that
	 * cannot resolve an escape to show a space, which covers an escape at the very end
	 * and the escape-escape sequence reserved for a further table.
	 */
	private static final String BASIC = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ ÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
			+ "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";

	static {
		if (BASIC.length() != 128) {
			throw new IllegalStateException("GSM basic table must have 128 entries, has " + BASIC.length());
		}
	}

	private Gsm7Text() {
	}

	/**
	 * @param userData the short_message or message_payload
	 * @param from where the text starts: after the user data header, if any
	 * @throws Rejected when an octet has its top bit set: that is no septet, most likely
	 * because the SMSC sent the septets packed
	 */
	static String decode(byte[] userData, int from) throws Rejected {
		StringBuilder text = new StringBuilder(userData.length - from);
		for (int i = from; i < userData.length; i++) {
			int septet = septet(userData, i, from);
			if (septet == ESCAPE && i + 1 < userData.length) {
				i++;
				text.append(extension(septet(userData, i, from)));
			}
			else {
				text.append(BASIC.charAt(septet));
			}
		}
		return text.toString();
	}

	private static int septet(byte[] userData, int index, int from) throws Rejected {
		int octet = userData[index] & 0xFF;
		if (octet > 0x7F) {
			throw new Rejected(String.format(
					"GSM 7-bit text holds octet 0x%02X at position %d, which is no septet (packed septets?)", octet,
					index - from));
		}
		return octet;
	}

	private static char extension(int septet) {
		return switch (septet) {
			case 0x0A -> '\f';
			case 0x14 -> '^';
			case 0x28 -> '{';
			case 0x29 -> '}';
			case 0x2F -> '\\';
			case 0x3C -> '[';
			case 0x3D -> '~';
			case 0x3E -> ']';
			case 0x40 -> '|';
			case 0x65 -> '€';
			// 03.38: an escape the receiver does not know shows the basic character
			default -> BASIC.charAt(septet);
		};
	}

}
