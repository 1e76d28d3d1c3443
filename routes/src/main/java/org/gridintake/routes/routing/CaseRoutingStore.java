package org.gridintake.routes.routing;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import org.gridintake.routes.casedraft.CaseDraft;
import org.gridintake.routes.casedraft.CaseNumber;

/**
 * Port: moving cases between platforms. Each call changes a case, its routing history,
 * its history and its outbox rows in one transaction; cases another instance is working
 * on are skipped, never done twice.
 */
public interface CaseRoutingStore {

	/**
	 * Re-routes up to {@code max} forwarded cases whose acceptance was due before
	 * {@code now}; returns how many were taken.
	 */
	int escalateOverdue(Instant now, int max, Rerouting decider);

	/**
	 * Re-routes one case away from {@code fromPlatform}, if that platform still holds it.
	 * @param refusedForwardId the outbox row the platform refused, closed in the same
	 * transaction; null when the platform sent the case back by callback
	 * @param refusal what the platform answered, for the outbox row
	 */
	boolean rerouteAway(CaseNumber caseNumber, String fromPlatform, Long refusedForwardId, String refusal,
			Rerouting decider);

	/**
	 * Sends one reminder each to the platforms of up to {@code max} cases not resolved by
	 * their due time, and records when they became overdue; returns how many.
	 * @param note the history entry for a case
	 */
	int remindOverdue(Instant now, int max, Function<CaseDraft, String> note);

	/** Decides where a case goes next, given the platforms it has been sent to. */
	@FunctionalInterface
	interface Rerouting {

		Optional<Reroute> decide(CaseDraft current, List<String> platformsTried);

	}

}
