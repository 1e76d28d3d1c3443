package org.gridintake.routes.casedraft;

import java.util.List;

/**
 * Everything that must become durable together when a report is accepted.
 *
 * @param draft the case
 * @param raw the inbound message verbatim
 * @param history its first status events
 * @param forwardToPlatformId the platform to forward to through the outbox, null when the
 * case is not to be forwarded
 * @param forwardNotBefore hold the forward until then (an unlocated SMS case waits for
 * the resident's address), null to forward at once
 */
public record NewCase(CaseDraft draft, RawMessage raw, List<StatusEvent> history, String forwardToPlatformId,
		java.time.Instant forwardNotBefore) {

	public NewCase {
		history = List.copyOf(history);
	}

}
