package org.gridintake.adapters.sms.simulator;

/**
 * Reads GSM 03.38 text as SMPP carries it: unpacked, one septet per octet, extension
 * characters as the escape septet followed by their own.
 */
final class Gsm7Decoder {

	private static final int ESCAPE = 0x1B;

	private static final String BASIC = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u00A0ÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
			+ "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";

	private Gsm7Decoder() {
	}

	static String decode(byte[] septets) {
		StringBuilder text = new StringBuilder(septets.length);
		for (int i = 0; i < septets.length; i++) {
			int septet = septets[i] & 0xFF;
			if (septet > 0x7F) {
				text.append('?');
			}
			else if (septet == ESCAPE && i + 1 < septets.length) {
				i++;
				text.append(extension(septets[i] & 0x7F));
			}
			else {
				text.append(BASIC.charAt(septet));
			}
		}
		return text.toString();
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
			// 03.38: an unknown escape shows as the basic character
			default -> BASIC.charAt(septet);
		};
	}

}
