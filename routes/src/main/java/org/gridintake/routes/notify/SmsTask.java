package org.gridintake.routes.notify;

import java.time.Instant;

/**
 * One claimed text from the SMS outbox.
 *
 * @param id the outbox row, also the reference that keeps the text from going twice
 * @param sms the text
 * @param failedAttempts how many attempts have failed so far
 * @param kind why it is sent
 * @param leasedUntil when, by the clock of the instance that claimed it, the claim runs
 * out and another instance may claim the text; null when not known
 */
public record SmsTask(long id, OutboundSms sms, int failedAttempts, SmsKind kind, Instant leasedUntil) {

	/** A task whose lease is not known. */
	public SmsTask(long id, OutboundSms sms, int failedAttempts, SmsKind kind) {
		this(id, sms, failedAttempts, kind, null);
	}

	public SmsTask withLeaseUntil(Instant until) {
		return new SmsTask(this.id, this.sms, this.failedAttempts, this.kind, until);
	}

}
