package org.gridintake.routes.sms;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Port: where delivered messages and their parts are kept before they are acted on.
 * Storing a part is what allows the channel to acknowledge it.
 */
public interface SmsInbox {

	/**
	 * Stores a part (or a whole message) in its own transaction, and joins the message
	 * when this part completes it.
	 * @param redeliveryWindow how long the same part from the same sender counts as the
	 * SMSC delivering it again rather than a new message
	 * @return false when it was a redelivery and nothing new was stored
	 */
	boolean store(MoPart part, Duration redeliveryWindow);

	/**
	 * Joins the parts of messages still incomplete after {@code partsTimeout}, marked
	 * partial.
	 */
	int assembleOverdue(Duration partsTimeout);

	List<InboxMessage> claimReady(int max, Duration lease);

	/**
	 * @param outcome what became of it: REPORT, QUERY, UNSUBSCRIBE, FLOODED …
	 */
	void processed(long messageId, String outcome, String caseNumber);

	void retryLater(long messageId, String error, Instant nextAttemptAt);

	/** How many of this sender's messages became reports since then. */
	int reportsSince(String sender, Instant since);

	/**
	 * The whole messages of one sender received since then, oldest first, with what
	 * became of each: for operators and the replay command to follow a texted report.
	 */
	List<StoredMessage> messagesFrom(String sender, Instant since);

	/**
	 * @param state PENDING, DONE or DEAD
	 * @param outcome what became of it once done (REPORT, ADDRESS, QUERY …), else null
	 * @param caseNumber the case it filed or answered, if any
	 */
	record StoredMessage(Instant receivedAt, String text, String state, String outcome, String caseNumber) {
	}

}
