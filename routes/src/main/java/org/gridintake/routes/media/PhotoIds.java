package org.gridintake.routes.media;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * A photo's id is the SHA-256 of its bytes in lower-case hex: the same photo sent twice
 * is one photo, and an id names exactly one content.
 */
public final class PhotoIds {

	private static final Pattern ID = Pattern.compile("[0-9a-f]{64}");

	private PhotoIds() {
	}

	public static String of(byte[] bytes) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("every JVM has SHA-256", ex);
		}
	}

	/** Whether a string can be an id; anything else never reaches a store. */
	public static boolean isValid(String id) {
		return id != null && ID.matcher(id).matches();
	}

}
