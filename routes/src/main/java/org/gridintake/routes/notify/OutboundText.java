package org.gridintake.routes.notify;

import org.gridintake.routes.casedraft.Mobile;

/** A text decided on but not yet queued: the outbox row gives it its reference. */
public record OutboundText(Mobile to, String text) {
}
