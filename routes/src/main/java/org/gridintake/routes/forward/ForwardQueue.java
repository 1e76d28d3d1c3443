package org.gridintake.routes.forward;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Port: the forwarding outbox. Claims are leases, so an instance that dies mid-send gives
 * its items back when the lease runs out, and instances sharing one database never hold
 * the same item at once.
 */
public interface ForwardQueue {

	List<ForwardTask> claimDue(int max, Duration lease);

	/** The platform took it: records the FORWARDED step and the platform's id. */
	default void delivered(ForwardTask task, String platformCaseId, Instant at) {
		delivered(task, platformCaseId, at, null);
	}

	/**
	 * The platform took it: records the FORWARDED step, the platform's id and, for a
	 * case, when that platform must accept and resolve it.
	 * @param deadlines null to leave them as they are
	 */
	void delivered(ForwardTask task, String platformCaseId, Instant at, org.gridintake.routes.sla.Deadlines deadlines);

	void retryLater(ForwardTask task, String error, Instant nextAttemptAt);

	/** Puts an item back without counting an attempt: it was not tried. */
	void postpone(ForwardTask task, String reason, Instant nextAttemptAt);

	/** Gives up until an operator replays it. */
	void deadLetter(ForwardTask task, String error);

	/** Puts dead-lettered items back in the queue; returns how many. */
	int replayDeadLetters();

	/** How many forwards wait, and how many are dead. */
	org.gridintake.routes.notify.OutboxCounts counts();

}
