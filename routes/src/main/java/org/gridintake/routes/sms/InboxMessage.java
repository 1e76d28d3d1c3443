package org.gridintake.routes.sms;

import java.time.Instant;

/**
 * A whole message from a resident, joined from its parts, waiting to be acted on.
 *
 * @param id the inbox row; also the channel reference of the report it may become
 * @param sender the resident's number as delivered
 * @param shortCode the number they texted
 * @param text the whole text, parts joined in order
 * @param partial whether parts were still missing when the wait ran out
 * @param receivedAt when its first part arrived
 */
public record InboxMessage(long id, String sender, String shortCode, String text, boolean partial, Instant receivedAt) {
}
