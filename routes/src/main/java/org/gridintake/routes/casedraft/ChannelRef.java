package org.gridintake.routes.casedraft;

import java.util.Objects;

/**
 * How the gateway recognises the same report arriving twice.
 *
 * @param value the reference
 * @param kind whether the channel itself gave it (an SMSC message id, a call id, an app's
 * client id, an HTTP Idempotency-Key) or the gateway derived it from the content
 */
public record ChannelRef(String value, Kind kind) {

	public enum Kind {

		/** Given by the channel: the same value always means the same report. */
		CHANNEL,
		/**
		 * Derived from sender and content: the same value within minutes is a retry; days
		 * later it may be a resident reporting the same thing again.
		 */
		CONTENT

	}

	public ChannelRef {
		Objects.requireNonNull(value, "value");
		Objects.requireNonNull(kind, "kind");
	}

}
