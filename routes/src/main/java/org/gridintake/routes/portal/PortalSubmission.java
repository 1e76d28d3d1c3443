package org.gridintake.routes.portal;

import java.time.Instant;

/**
 * A portal request as received: the parsed report, the client's idempotency key if it
 * sent one, and the body verbatim.
 */
public record PortalSubmission(PortalReport report, String idempotencyKey, byte[] rawBody, String contentType,
		Instant receivedAt) {
}
