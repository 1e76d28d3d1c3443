package org.gridintake.gateway.access;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * A token bucket per client in this instance. Per instance on purpose: it protects this
 * instance from a runaway client without a shared store in the request path; the
 * per-number limit, which must hold across instances, lives in Redis.
 */
final class ClientRateLimiter {

	private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

	private final LongSupplier nanoTime;

	ClientRateLimiter(LongSupplier nanoTime) {
		this.nanoTime = nanoTime;
	}

	/**
	 * @return zero when the request may go ahead, else how long until it could
	 */
	Duration take(String clientId, double perSecond, int burst) {
		return this.buckets.computeIfAbsent(clientId, (id) -> new Bucket(burst, this.nanoTime.getAsLong()))
			.take(perSecond, burst, this.nanoTime.getAsLong());
	}

	private static final class Bucket {

		private double tokens;

		private long refilledAt;

		Bucket(int burst, long now) {
			this.tokens = burst;
			this.refilledAt = now;
		}

		synchronized Duration take(double perSecond, int burst, long now) {
			this.tokens = Math.min(burst, this.tokens + (now - this.refilledAt) / 1e9 * perSecond);
			this.refilledAt = now;
			if (this.tokens >= 1) {
				this.tokens -= 1;
				return Duration.ZERO;
			}
			return Duration.ofMillis((long) Math.ceil((1 - this.tokens) / perSecond * 1000));
		}

	}

}
