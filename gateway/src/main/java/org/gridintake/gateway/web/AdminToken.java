package org.gridintake.gateway.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * The operations staff's bearer token, checked by every admin endpoint the same way and
 * in constant time.
 */
final class AdminToken {

	private final byte[] expected;

	AdminToken(String token) {
		this.expected = ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
	}

	/** The answer to a caller without the admin token; null for operations staff. */
	ResponseEntity<Object> refusal(String authorization) {
		if (authorization == null || authorization.isBlank()) {
			return ApiErrors.of(HttpStatus.UNAUTHORIZED, HttpHeaders.AUTHORIZATION, "a bearer token is required");
		}
		if (!MessageDigest.isEqual(this.expected, authorization.trim().getBytes(StandardCharsets.UTF_8))) {
			return ApiErrors.of(HttpStatus.FORBIDDEN, HttpHeaders.AUTHORIZATION, "is not the admin token");
		}
		return null;
	}

}
