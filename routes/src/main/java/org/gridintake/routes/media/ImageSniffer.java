package org.gridintake.routes.media;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

/**
 * Tells what kind of image some bytes are from their first bytes alone. A file name or a
 * declared Content-Type is whatever the sender wrote; the content is what a browser would
 * act on, so it is the only thing trusted.
 */
public final class ImageSniffer {

	/** Enough for every signature below, including the longest brand list accepted. */
	public static final int HEAD_BYTES = 1024;

	private static final byte[] JPEG_SIGNATURE = { (byte) 0xFF, (byte) 0xD8, (byte) 0xFF };

	private static final byte[] PNG_SIGNATURE = { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n' };

	/** HEVC-coded HEIF: what phones write as .heic. */
	private static final Set<String> HEIC_BRANDS = Set.of("heic", "heix", "heim", "heis", "hevc", "hevx", "hevm",
			"hevs");

	/** The generic HEIF brands; AVIF files carry them too, and are not accepted. */
	private static final Set<String> HEIF_BRANDS = Set.of("mif1", "msf1");

	private static final Set<String> AVIF_BRANDS = Set.of("avif", "avis");

	private ImageSniffer() {
	}

	public static Optional<ImageType> detect(byte[] bytes) {
		if (bytes == null) {
			return Optional.empty();
		}
		if (startsWith(bytes, 0, JPEG_SIGNATURE)) {
			return Optional.of(ImageType.JPEG);
		}
		if (startsWith(bytes, 0, PNG_SIGNATURE) && ascii(bytes, 12, 4).equals("IHDR")) {
			return Optional.of(ImageType.PNG);
		}
		if (ascii(bytes, 0, 4).equals("RIFF") && ascii(bytes, 8, 4).equals("WEBP")
				&& Set.of("VP8 ", "VP8L", "VP8X").contains(ascii(bytes, 12, 4))) {
			return Optional.of(ImageType.WEBP);
		}
		String gif = ascii(bytes, 0, 6);
		if (gif.equals("GIF87a") || gif.equals("GIF89a")) {
			return Optional.of(ImageType.GIF);
		}
		return isoMediaImage(bytes);
	}

	/**
	 * HEIC and HEIF are ISO base media files: an {@code ftyp} box first, naming a major
	 * brand and the brands the file is also compatible with.
	 */
	private static Optional<ImageType> isoMediaImage(byte[] bytes) {
		if (bytes.length < 16 || !ascii(bytes, 4, 4).equals("ftyp")) {
			return Optional.empty();
		}
		long boxSize = ((bytes[0] & 0xFFL) << 24) | ((bytes[1] & 0xFF) << 16) | ((bytes[2] & 0xFF) << 8)
				| (bytes[3] & 0xFF);
		if (boxSize < 16 || boxSize % 4 != 0 || boxSize > bytes.length || boxSize > HEAD_BYTES) {
			return Optional.empty();
		}
		String major = ascii(bytes, 8, 4);
		if (HEIC_BRANDS.contains(major)) {
			return Optional.of(ImageType.HEIC);
		}
		if (!HEIF_BRANDS.contains(major)) {
			return Optional.empty();
		}
		boolean hevc = false;
		for (int offset = 16; offset + 4 <= boxSize; offset += 4) {
			String brand = ascii(bytes, offset, 4);
			if (AVIF_BRANDS.contains(brand)) {
				return Optional.empty();
			}
			hevc |= HEIC_BRANDS.contains(brand);
		}
		return Optional.of(hevc ? ImageType.HEIC : ImageType.HEIF);
	}

	private static boolean startsWith(byte[] bytes, int offset, byte[] prefix) {
		return bytes.length >= offset + prefix.length
				&& Arrays.equals(bytes, offset, offset + prefix.length, prefix, 0, prefix.length);
	}

	private static String ascii(byte[] bytes, int offset, int length) {
		if (bytes.length < offset + length) {
			return "";
		}
		return new String(bytes, offset, length, StandardCharsets.ISO_8859_1);
	}

}
