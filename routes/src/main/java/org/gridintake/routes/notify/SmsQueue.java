package org.gridintake.routes.notify;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Port: the SMS outbox, claimed with leases like the forwarding outbox. */
public interface SmsQueue {

	/**
	 * Queues a text, once: a second call with the same {@code dedupKey} queues nothing,
	 * so acting on a message again after a crash sends no second reply.
	 * @param caseNumber the case it is about, null when none
	 * @return false when the key was already queued
	 */
	boolean enqueue(OutboundText text, String caseNumber, String dedupKey);

	List<SmsTask> claimDue(int max, Duration lease);

	void sent(SmsTask task, List<String> messageIds, Instant at);

	void retryLater(SmsTask task, String reason, Instant nextAttemptAt);

	void failed(SmsTask task, String reason);

	/**
	 * A failed attempt whose last submit_sm was never answered
	 * ({@link SmsSendOutcome.Unconfirmed}): like {@link #retryLater}, and the text keeps
	 * count of such attempts, since each may have reached the resident.
	 * @param nextAttemptAt when to try again; null when no attempt is left and the text
	 * is dead
	 */
	void unconfirmed(SmsTask task, String reason, Instant nextAttemptAt);

	/** Puts a text back, untried and without counting an attempt, until {@code until}. */
	void postpone(SmsTask task, String reason, java.time.Instant until);

	/** Not sent and never will be: the resident opted out after it was queued. */
	void suppressed(SmsTask task, String reason);

	/**
	 * Records a delivery receipt against the text it belongs to, or keeps it until that
	 * text's send is recorded.
	 */
	void receipt(org.gridintake.routes.sms.SmsReceipt receipt);

	/** Puts dead texts back in the queue; returns how many. */
	int replayDeadLetters();

	/** How many texts wait, and how many are dead. */
	OutboxCounts counts();

}
