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
 * @param update whether this tells the platform of a case it already has (its report
 * count and channel mix changed), rather than sending the case
 */
public record ForwardTask(long id, String platformId, String idempotencyKey, int failedAttempts, CaseRecord caseRecord,
		boolean update) {
}
