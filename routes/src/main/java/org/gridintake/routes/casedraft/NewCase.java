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
 * @param mergeFeatures what later reports are compared with, null when the case cannot be
 * merged (no category or no point)
 * @param mergeLink the master this report duplicates, null for a case of its own; a
 * linked case is not forwarded, its master's platform gets an update instead
 * @param mergePending the merge could not be decided now and is to be decided later
 */
public record NewCase(CaseDraft draft, RawMessage raw, List<StatusEvent> history, String forwardToPlatformId,
		java.time.Instant forwardNotBefore, org.gridintake.routes.dedup.MergeFeatures mergeFeatures,
		org.gridintake.routes.dedup.MergeLink mergeLink, boolean mergePending) {

	public NewCase {
		history = List.copyOf(history);
	}

	/** A case that takes no part in merging. */
	public NewCase(CaseDraft draft, RawMessage raw, List<StatusEvent> history, String forwardToPlatformId,
			java.time.Instant forwardNotBefore) {
		this(draft, raw, history, forwardToPlatformId, forwardNotBefore, null, null, false);
	}

}
