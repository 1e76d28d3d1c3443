package org.gridintake.routes.status;

import java.time.Instant;

/** What a platform answered when asked for a case's status. */
public sealed interface PolledStatus {

	/**
	 * @param status the platform's own status word, mapped by the platform's protocol
	 * @param note its remark, null when none
	 * @param updatedAt when it last changed on the platform, null when it does not say
	 */
	record Known(String status, String note, Instant updatedAt) implements PolledStatus {
	}

	/** No answer worth acting on (down, refused, unreadable); asked again next time. */
	record Unavailable(String reason) implements PolledStatus {
	}

}
