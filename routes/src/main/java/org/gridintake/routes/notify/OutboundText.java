package org.gridintake.routes.notify;

import java.time.Instant;

import org.gridintake.routes.casedraft.Mobile;

/**
 * A text decided on but not yet queued: the outbox row gives it its reference.
 *
 * @param to the resident
 * @param text what they get
 * @param kind why it is sent
 * @param notBefore not to be sent before this (quiet hours), null for now
 */
public record OutboundText(Mobile to, String text, SmsKind kind, Instant notBefore) {

	public static OutboundText reply(Mobile to, String text) {
		return new OutboundText(to, text, SmsKind.REPLY, null);
	}

}
