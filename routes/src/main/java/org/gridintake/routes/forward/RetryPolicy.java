package org.gridintake.routes.forward;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with jitter for outbound calls, and when to give up into the
 * dead-letter state. Jitter keeps a recovering platform from being hit by every waiting
 * item at the same instant.
 *
 * @param maxAttempts attempts before the item is dead-lettered
 * @param initialBackoff the wait after the first failure
 * @param maxBackoff the longest wait
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {

	public RetryPolicy {
		if (maxAttempts < 1) {
			throw new IllegalArgumentException("maxAttempts must be at least 1");
		}
		if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
			throw new IllegalArgumentException("backoffs must satisfy 0 <= initial <= max");
		}
	}

	/**
	 * Whether an item that has now failed {@code failedAttempts} times should be retried.
	 */
	public boolean retryAfter(int failedAttempts) {
		return failedAttempts < this.maxAttempts;
	}

	/** The wait before the next attempt, with up to 25% jitter either way. */
	public Duration delayAfter(int failedAttempts) {
		long base = this.initialBackoff.toMillis();
		long exponential = base << Math.min(Math.max(failedAttempts - 1, 0), 20);
		long capped = Math.min(exponential, this.maxBackoff.toMillis());
		double jitter = 0.75 + ThreadLocalRandom.current().nextDouble() * 0.5;
		return Duration.ofMillis(Math.max(1, Math.round(capped * jitter)));
	}

}
