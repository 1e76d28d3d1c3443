package org.gridintake.routes.notify;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Port: the SMS outbox, claimed with leases like the forwarding outbox. */
public interface SmsQueue {

	List<SmsTask> claimDue(int max, Duration lease);

	void sent(SmsTask task, List<String> messageIds, Instant at);

	void retryLater(SmsTask task, String reason, Instant nextAttemptAt);

	void failed(SmsTask task, String reason);

	/** Puts dead texts back in the queue; returns how many. */
	int replayDeadLetters();

	/** How many texts wait, and how many are dead. */
	OutboxCounts counts();

}
