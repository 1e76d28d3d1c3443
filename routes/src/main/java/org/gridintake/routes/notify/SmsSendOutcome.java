package org.gridintake.routes.notify;

import java.util.List;

/** What became of one {@link OutboundSms}. */
public sealed interface SmsSendOutcome {

	/** The SMSC took every part; its message ids, one per part, in order. */
	record Sent(List<String> messageIds) implements SmsSendOutcome {
	}

	/**
	 * Not sent now (no bind, throttled, queue full, timeout); sending again later may
	 * work.
	 */
	record RetryLater(String reason) implements SmsSendOutcome {
	}

	/**
	 * A submit_sm went out and its answer never came (the link dropped, or the SMSC was
	 * slower than the submit timeout): the SMSC may have taken it. Sending it again keeps
	 * the resident from missing the text and may give it to them twice; SMPP has no way
	 * to ask. Parts the SMSC did answer are not sent again.
	 */
	record Unconfirmed(String reason) implements SmsSendOutcome {
	}

	/** The SMSC refused it for good (bad number, rejected content). */
	record Failed(String reason) implements SmsSendOutcome {
	}

}
