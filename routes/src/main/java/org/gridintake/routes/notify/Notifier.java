package org.gridintake.routes.notify;

import java.time.Clock;
import java.util.function.Predicate;

import org.gridintake.routes.casedraft.Mobile;

import org.gridintake.routes.forward.RetryPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Sends one claimed text and records what came of it. */
public class Notifier {

	private static final Logger log = LoggerFactory.getLogger(Notifier.class);

	private final SmsSender sender;

	private final SmsQueue queue;

	private final Predicate<Mobile> optedOut;

	private final RetryPolicy retryPolicy;

	private final Clock clock;

	private final int batchSize;

	private final java.time.Duration lease;

	private final DailyTextLimit dailyLimit;

	private final DailyTextCounts dailyCounts;

	/**
	 * @param optedOut whether a number opted out since its text was queued; checked again
	 * right before sending
	 */
	public Notifier(SmsSender sender, SmsQueue queue, Predicate<Mobile> optedOut, RetryPolicy retryPolicy, Clock clock,
			int batchSize, java.time.Duration lease) {
		this(sender, queue, optedOut, retryPolicy, clock, batchSize, lease, null, null);
	}

	/**
	 * @param optedOut whether a number opted out since its text was queued; checked again
	 * right before sending
	 * @param dailyLimit how many progress texts one number gets per day, null for no
	 * limit
	 * @param dailyCounts where the texts per number and day are counted
	 */
	public Notifier(SmsSender sender, SmsQueue queue, Predicate<Mobile> optedOut, RetryPolicy retryPolicy, Clock clock,
			int batchSize, java.time.Duration lease, DailyTextLimit dailyLimit, DailyTextCounts dailyCounts) {
		if (dailyLimit != null && dailyCounts == null) {
			throw new IllegalArgumentException("a daily limit needs somewhere to count");
		}
		this.dailyLimit = dailyLimit;
		this.dailyCounts = dailyCounts;
		this.sender = sender;
		this.queue = queue;
		this.optedOut = optedOut;
		this.retryPolicy = retryPolicy;
		this.clock = clock;
		this.batchSize = batchSize;
		this.lease = lease;
	}

	/** Claims the next due items; each stays leased to this instance while it is sent. */
	public java.util.List<SmsTask> claimBatch() {
		// timed from before the claim on this instance's own clock, so that neither the
		// claim's round trip nor a database clock running differently lengthens it
		java.time.Instant until = this.clock.instant().plus(this.lease);
		return this.queue.claimDue(this.batchSize, this.lease)
			.stream()
			.map((task) -> task.withLeaseUntil(until))
			.toList();
	}

	/**
	 * Sends one claimed text, unless less than half its lease is left: a send may take a
	 * few submit timeouts, and a text whose lease ran out meanwhile may be sent by
	 * another instance too.
	 */
	public void send(SmsTask task) {
		if (task.leasedUntil() != null
				&& this.clock.instant().isAfter(task.leasedUntil().minus(this.lease.dividedBy(2)))) {
			// the texts before it took long (a slow or vanishing SMSC): another
			// instance may claim it before this send is done, and both would send it
			log.info("SMS {} to {} left for the next claim: its lease runs out at {}", task.id(), task.sms().to(),
					task.leasedUntil());
			return;
		}
		if (task.kind() != SmsKind.CONFIRMATION && this.optedOut.test(task.sms().to())) {
			log.info("SMS {} to {} not sent: the number opted out", task.id(), task.sms().to());
			this.queue.suppressed(task, "opted out");
			return;
		}
		java.time.LocalDate day = null;
		if (this.dailyLimit != null && this.dailyLimit.applies(task.kind())) {
			day = this.dailyLimit.day(this.clock.instant());
			if (!this.dailyCounts.reserve(task.sms().to(), day, this.dailyLimit.maxPerDay())) {
				java.time.Instant until = this.dailyLimit.nextDayFrom(day);
				log.info("SMS {} to {} held until {}: the number had {} progress texts today", task.id(),
						task.sms().to(), until, this.dailyLimit.maxPerDay());
				this.queue.postpone(task, "daily limit of " + this.dailyLimit.maxPerDay() + " texts reached", until);
				return;
			}
		}
		SmsSendOutcome outcome = this.sender.send(task.sms());
		if (day != null && !(outcome instanceof SmsSendOutcome.Sent)) {
			this.dailyCounts.release(task.sms().to(), day);
		}
		if (outcome instanceof SmsSendOutcome.Sent sent) {
			log.info("SMS {} sent to {} in {} part(s)", task.id(), task.sms().to(), sent.messageIds().size());
			this.queue.sent(task, sent.messageIds(), this.clock.instant());
		}
		else if (outcome instanceof SmsSendOutcome.Failed failed) {
			log.warn("SMS {} to {} failed: {}", task.id(), task.sms().to(), failed.reason());
			this.queue.failed(task, failed.reason());
		}
		else if (outcome instanceof SmsSendOutcome.RetryLater retry) {
			int failedAttempts = task.failedAttempts() + 1;
			if (this.retryPolicy.retryAfter(failedAttempts)) {
				this.queue.retryLater(task, retry.reason(),
						this.clock.instant().plus(this.retryPolicy.delayAfter(failedAttempts)));
			}
			else {
				log.warn("SMS {} to {} given up after {} attempts: {}", task.id(), task.sms().to(), failedAttempts,
						retry.reason());
				this.queue.failed(task, retry.reason());
			}
		}
		else if (outcome instanceof SmsSendOutcome.Unconfirmed unconfirmed) {
			int failedAttempts = task.failedAttempts() + 1;
			java.time.Instant next = this.retryPolicy.retryAfter(failedAttempts)
					? this.clock.instant().plus(this.retryPolicy.delayAfter(failedAttempts)) : null;
			// a lost text is worse than a doubled one: it is sent again, and the doubt is
			// recorded so that a resident's complaint of a double can be checked
			log.warn("SMS {} to {}: the SMSC did not answer its submit_sm and may have taken it ({}); {}", task.id(),
					task.sms().to(), unconfirmed.reason(),
					(next != null) ? "sending it again, which may reach the resident twice"
							: "given up after " + failedAttempts + " attempts");
			this.queue.unconfirmed(task, unconfirmed.reason(), next);
		}
	}

}
