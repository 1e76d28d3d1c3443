package org.gridintake.gateway.web;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Platform callbacks are signed: {@code X-Gateway-Signature: sha256=<hex>} is the
 * HMAC-SHA256, under the platform's shared secret, of {@code <timestamp>.<body>}, where
 * {@code X-Gateway-Timestamp} is the signing time in Unix seconds. The timestamp bounds
 * replays of a captured callback.
 */
final class CallbackSignature {

	static final String SIGNATURE_HEADER = "X-Gateway-Signature";

	static final String TIMESTAMP_HEADER = "X-Gateway-Timestamp";

	enum Verdict {

		VALID, MISSING, STALE, WRONG

	}

	private CallbackSignature() {
	}

	static Verdict verify(String secret, String timestamp, String signature, byte[] body, Instant now,
			Duration maxSkew) {
		if (timestamp == null || signature == null || timestamp.isBlank() || signature.isBlank()) {
			return Verdict.MISSING;
		}
		long seconds;
		try {
			seconds = Long.parseLong(timestamp.trim());
		}
		catch (NumberFormatException ex) {
			return Verdict.WRONG;
		}
		if (Math.abs(now.getEpochSecond() - seconds) > maxSkew.toSeconds()) {
			return Verdict.STALE;
		}
		byte[] expected = ("sha256=" + sign(secret, timestamp.trim(), body)).getBytes(StandardCharsets.US_ASCII);
		byte[] given = signature.trim().getBytes(StandardCharsets.US_ASCII);
		return MessageDigest.isEqual(expected, given) ? Verdict.VALID : Verdict.WRONG;
	}

	static String sign(String secret, String timestamp, byte[] body) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			mac.update((timestamp + ".").getBytes(StandardCharsets.US_ASCII));
			return HexFormat.of().formatHex(mac.doFinal((body != null) ? body : new byte[0]));
		}
		catch (NoSuchAlgorithmException | InvalidKeyException ex) {
			throw new IllegalStateException("HmacSHA256 is unavailable", ex);
		}
	}

}
