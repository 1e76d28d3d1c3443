package org.gridintake.routes.notify;

import org.gridintake.routes.casedraft.Mobile;

/**
 * One text to one resident.
 *
 * @param reference the gateway's own id for this text (the SMS outbox row); a sender uses
 * it to avoid sending the same text twice
 * @param to the resident
 * @param text the whole text, any length; the sender splits it into parts
 */
public record OutboundSms(String reference, Mobile to, String text) {
}
