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
 * @param kind the case itself, or a notice about a case the platform has
 */
public record ForwardTask(long id, String platformId, String idempotencyKey, int failedAttempts, CaseRecord caseRecord,
		ForwardKind kind) {

	public ForwardTask(long id, String platformId, String idempotencyKey, int failedAttempts, CaseRecord caseRecord,
			boolean update) {
		this(id, platformId, idempotencyKey, failedAttempts, caseRecord,
				update ? ForwardKind.UPDATE : ForwardKind.CASE);
	}

	/**
	 * Whether this tells the platform of a case it already has (its report count and
	 * channel mix changed), rather than sending the case.
	 */
	public boolean update() {
		return this.kind == ForwardKind.UPDATE;
	}

}
