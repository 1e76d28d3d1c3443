package org.gridintake.routes.field;

import java.time.Instant;

/**
 * A batch as the phone app uploaded it: the body verbatim and when it arrived.
 *
 * @param body the JSON body as sent
 * @param receivedAt when the gateway received it; every report in it shares this time
 */
public record FieldUpload(byte[] body, Instant receivedAt) {
}
