package org.gridintake.adapters.sms;

/**
 * A token bucket for submit_sm PDUs, kept as the time the bucket will next be full (the
 * generic cell rate algorithm), so that it needs no refill thread. A text reserves one
 * slot per part at once: its parts then go out paced, and no other text can take the
 * slots between them.
 */
final class SendRateLimiter {

	private static final double NANOS_PER_SECOND = 1_000_000_000d;

	private final long intervalNanos;

	/** How far ahead of the steady pace a burst may run. */
	private final long burstNanos;

	/** Guarded by this. */
	private long theoreticalArrival;

	/**
	 * @param perSecond submit_sm PDUs per second; a burst of up to one second's worth (at
	 * least one) may go at once after a quiet spell
	 */
	SendRateLimiter(double perSecond) {
		if (!(perSecond > 0) || Double.isInfinite(perSecond)) {
			throw new IllegalArgumentException("rate must be positive and finite, is " + perSecond);
		}
		this.intervalNanos = Math.max(1, (long) Math.ceil(NANOS_PER_SECOND / perSecond));
		long burst = Math.max(1, (long) Math.floor(perSecond));
		this.burstNanos = (burst - 1) * this.intervalNanos;
		this.theoreticalArrival = System.nanoTime();
	}

	/**
	 * Reserves consecutive slots, or none.
	 * @param count how many PDUs
	 * @param maxWaitNanos how long the first of them may wait
	 * @return the {@link System#nanoTime()} at which each may go, in order; {@code null}
	 * when the first would have to wait longer, and then nothing is reserved
	 */
	synchronized long[] reserve(int count, long maxWaitNanos) {
		long now = System.nanoTime();
		long arrival = (this.theoreticalArrival - now > 0) ? this.theoreticalArrival : now;
		long[] slots = new long[count];
		for (int i = 0; i < count; i++) {
			long earliest = arrival - this.burstNanos;
			slots[i] = (earliest - now > 0) ? earliest : now;
			arrival += this.intervalNanos;
		}
		if (slots[0] - now > maxWaitNanos) {
			return null;
		}
		this.theoreticalArrival = arrival;
		return slots;
	}

}
