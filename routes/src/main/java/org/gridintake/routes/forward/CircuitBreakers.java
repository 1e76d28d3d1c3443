package org.gridintake.routes.forward;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One circuit breaker per platform, so that a dead platform costs the others nothing:
 * after {@code failureThreshold} failures in a row its cases wait, untried, for
 * {@code openFor}; then one case is tried, and its outcome closes or reopens the circuit.
 */
public class CircuitBreakers {

	private static final Logger log = LoggerFactory.getLogger(CircuitBreakers.class);

	private final int failureThreshold;

	private final Duration openFor;

	private final Clock clock;

	private final Map<String, State> states = new HashMap<>();

	public CircuitBreakers(int failureThreshold, Duration openFor, Clock clock) {
		if (failureThreshold < 1) {
			throw new IllegalArgumentException("failureThreshold must be at least 1");
		}
		this.failureThreshold = failureThreshold;
		this.openFor = openFor;
		this.clock = clock;
	}

	private static final class State {

		int failures;

		Instant openUntil;

		boolean trialInFlight;

	}

	/** Until when calls to the platform must wait; empty when this call may go ahead. */
	public synchronized Optional<Instant> blockedUntil(String platformId) {
		State state = this.states.get(platformId);
		if (state == null || state.openUntil == null) {
			return Optional.empty();
		}
		Instant now = this.clock.instant();
		if (now.isBefore(state.openUntil)) {
			return Optional.of(state.openUntil);
		}
		if (state.trialInFlight) {
			return Optional.of(now.plus(this.openFor));
		}
		state.trialInFlight = true;
		return Optional.empty();
	}

	public synchronized void succeeded(String platformId) {
		State state = this.states.remove(platformId);
		if (state != null && state.openUntil != null) {
			log.info("Platform {} answers again; its circuit is closed", platformId);
		}
	}

	public synchronized void failed(String platformId) {
		State state = this.states.computeIfAbsent(platformId, (id) -> new State());
		state.failures++;
		if (state.trialInFlight || (state.openUntil == null && state.failures >= this.failureThreshold)) {
			state.openUntil = this.clock.instant().plus(this.openFor);
			state.trialInFlight = false;
			log.warn("Platform {} failed {} times in a row; its cases wait {} s before it is tried again", platformId,
					state.failures, this.openFor.toSeconds());
		}
	}

}
