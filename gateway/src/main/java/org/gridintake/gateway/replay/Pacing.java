package org.gridintake.gateway.replay;

import java.time.Duration;
import java.time.OffsetDateTime;

/**
 * When each report is sent, relative to the start of the replay.
 *
 * @param speed the original gaps are divided by this; 1 keeps the original pace; 0 sends
 * everything at once (as fast as the senders go)
 */
record Pacing(double speed) {

	static final Pacing ORIGINAL = new Pacing(1);

	static final Pacing FAST = new Pacing(0);

	Pacing {
		if (!(speed >= 0) || Double.isInfinite(speed)) {
			throw new IllegalArgumentException("speed must be a positive number");
		}
	}

	boolean fast() {
		return this.speed == 0;
	}

	/**
	 * How long after the start a report is due.
	 * @param first the {@code received_at} of the input's first report
	 * @param at the report's {@code received_at}
	 */
	Duration offset(OffsetDateTime first, OffsetDateTime at) {
		if (fast()) {
			return Duration.ZERO;
		}
		long nanos = Duration.between(first, at).toNanos();
		return Duration.ofNanos(Math.max(0, Math.round(nanos / this.speed)));
	}

	String describe() {
		return fast() ? "fast" : (this.speed == 1) ? "original" : "speed " + this.speed;
	}

}
