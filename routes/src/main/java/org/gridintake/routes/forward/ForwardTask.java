package org.gridintake.routes.forward;

import org.gridintake.routes.casedraft.CaseStore.CaseRecord;

/**
 * One claimed forwarding order from the outbox.
 *
 * @param id the outbox row
 * @param platformId where it goes
 * @param idempotencyKey sent with every attempt
 * @param failedAttempts how many attempts have failed so far
 * @param caseRecord the case as it is now
 */
public record ForwardTask(long id, String platformId, String idempotencyKey, int failedAttempts,
		CaseRecord caseRecord) {
}
