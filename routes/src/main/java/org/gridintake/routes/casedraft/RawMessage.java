package org.gridintake.routes.casedraft;

import java.nio.charset.StandardCharsets;

/** The inbound message exactly as it arrived, kept beside the draft. */
public record RawMessage(String contentType, byte[] body) {

	public static RawMessage utf8(String contentType, String body) {
		return new RawMessage(contentType, body.getBytes(StandardCharsets.UTF_8));
	}

}
