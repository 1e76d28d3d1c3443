package org.gridintake.routes.media;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** The first bytes of each accepted image type, padded to look like a file. */
public final class TestImages {

	private TestImages() {
	}

	public static byte[] jpeg(String seed) {
		return file(new byte[] { (byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 0x10, 'J', 'F', 'I', 'F' },
				seed);
	}

	public static byte[] png(String seed) {
		return file(new byte[] { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R' },
				seed);
	}

	public static byte[] webp(String seed) {
		return file(ascii("RIFF\u0024\u0000\u0000\u0000WEBPVP8 "), seed);
	}

	public static byte[] gif(String seed) {
		return file(ascii("GIF89a"), seed);
	}

	/**
	 * An ISO-BMFF file: a 24-byte ftyp box with its major brand and two compatible ones.
	 */
	public static byte[] isoMedia(String major, String compatible1, String compatible2, String seed) {
		return file(
				ascii("\u0000\u0000\u0000\u0018ftyp" + major + "\u0000\u0000\u0000\u0000" + compatible1 + compatible2),
				seed);
	}

	private static byte[] file(byte[] head, String seed) {
		byte[] rest = (" image data " + seed).getBytes(StandardCharsets.UTF_8);
		byte[] bytes = Arrays.copyOf(head, head.length + rest.length);
		System.arraycopy(rest, 0, bytes, head.length, rest.length);
		return bytes;
	}

	private static byte[] ascii(String text) {
		return text.getBytes(StandardCharsets.ISO_8859_1);
	}

}
