package org.gridintake.routes.routing;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.gridintake.routes.casedraft.CaseDraft;
import org.gridintake.routes.casedraft.CaseNumber;
import org.gridintake.routes.geo.GridChain;
import org.gridintake.routes.geo.GridLevel;
import org.gridintake.routes.sla.ServiceLevels;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes cases from platforms that do not act on them: one that did not accept in time
 * loses the case to the next level up; one that sends it back (回退) loses it to the
 * next-best platform not yet tried, as Klarschiff does — another platform of the same
 * level covering the place, else the next level up. With none left the case goes to the
 * district's triage queue, where a person decides.
 */
public class Rerouter {

	private static final Logger log = LoggerFactory.getLogger(Rerouter.class);

	private final PlatformDirectory platforms;

	private final ServiceLevels serviceLevels;

	private final String serviceDistrictCode;

	private final CaseRoutingStore store;

	private final Clock clock;

	private final int batchSize;

	public Rerouter(PlatformDirectory platforms, ServiceLevels serviceLevels, String serviceDistrictCode,
			CaseRoutingStore store, Clock clock, int batchSize) {
		this.platforms = platforms;
		this.serviceLevels = serviceLevels;
		this.serviceDistrictCode = serviceDistrictCode;
		this.store = store;
		this.clock = clock;
		this.batchSize = batchSize;
	}

	/** Escalates forwarded cases whose acceptance is overdue; returns how many. */
	public int escalateOverdue() {
		int escalated = this.store.escalateOverdue(this.clock.instant(), this.batchSize, this::escalation);
		if (escalated > 0) {
			log.info("{} case(s) not accepted in time were escalated", escalated);
		}
		return escalated;
	}

	/** Reminds platforms of cases not resolved in time, once per case. */
	public int remindOverdue() {
		return this.store.remindOverdue(this.clock.instant(), this.batchSize, (current) -> "not resolved by "
				+ current.route().platformId() + " within its service level; reminder sent to the platform");
	}

	/** A platform sent a case back (回退) by callback: route it to the next-best one. */
	public boolean returned(CaseNumber caseNumber, String platformId, String reason) {
		return this.store.rerouteAway(caseNumber, platformId, null, null,
				(current, tried) -> afterReturn(current, tried, "returned by " + platformId
						+ ((reason != null && !reason.isBlank()) ? " (回退: " + reason + ")" : " (回退)")));
	}

	/** A platform refused a forwarded case outright: as a 回退. */
	public boolean refused(CaseNumber caseNumber, String platformId, long forwardId, String refusal) {
		return this.store.rerouteAway(caseNumber, platformId, forwardId, refusal,
				(current, tried) -> afterReturn(current, tried, "refused by " + platformId + " (" + refusal + ")"));
	}

	Optional<Reroute> escalation(CaseDraft current, List<String> tried) {
		RouteDecision from = current.route();
		Duration allowed = this.serviceLevels.target(current.categoryCode(), from.level()).accept();
		String why = "not accepted by " + from.platformId() + " within " + describe(allowed);
		GridChain chain = current.grid();
		if (chain != null) {
			for (GridLevel level = CaseRouter.wider(from.level()); level != null; level = CaseRouter.wider(level)) {
				Optional<RouteDecision> next = untried(level, chain.at(level).code(), tried, why, from);
				if (next.isPresent()) {
					return Optional.of(new Reroute(next.get(), RoutingReason.ESCALATED,
							why + "; escalated to " + named(next.get()), from.platformId()));
				}
			}
		}
		return districtTriage(current, why, RoutingReason.ESCALATED, from.platformId());
	}

	Optional<Reroute> afterReturn(CaseDraft current, List<String> tried, String why) {
		RouteDecision from = current.route();
		GridChain chain = current.grid();
		if (chain != null && from.level() != null) {
			for (GridLevel level = from.level(); level != null; level = CaseRouter.wider(level)) {
				Optional<RouteDecision> next = untried(level, chain.at(level).code(), tried, why, from);
				if (next.isPresent()) {
					return Optional.of(new Reroute(next.get(), RoutingReason.RETURNED,
							why + "; routed again to " + named(next.get()), null));
				}
			}
		}
		return districtTriage(current, why, RoutingReason.RETURNED, null);
	}

	private Optional<RouteDecision> untried(GridLevel level, String area, List<String> tried, String why,
			RouteDecision from) {
		return this.platforms.allCovering(level, area)
			.stream()
			.filter((platform) -> !tried.contains(platform.id()))
			.findFirst()
			.map((platform) -> new RouteDecision(platform.id(), level, area,
					why + "; next platform not yet tried: " + platform.id(), false, from.priority()));
	}

	private Optional<Reroute> districtTriage(CaseDraft current, String why, RoutingReason reason, String withdrawFrom) {
		PlatformEndpoint district = this.platforms.covering(GridLevel.DISTRICT, this.serviceDistrictCode).orElseThrow();
		RouteDecision from = current.route();
		if (from.triage() && from.platformId().equals(district.id())) {
			// the district is the last stop: people there decide, the gateway does not
			return Optional
				.of(new Reroute(null, reason, why + "; no platform left, it stays with " + district.id(), null));
		}
		RouteDecision triage = new RouteDecision(district.id(), GridLevel.DISTRICT, this.serviceDistrictCode,
				why + "; no platform left: district triage", true, from.priority());
		return Optional.of(new Reroute(triage, reason,
				why + "; no platform left: district triage (" + district.id() + ")", withdrawFrom));
	}

	private String named(RouteDecision route) {
		String name = this.platforms.byId(route.platformId()).map(PlatformEndpoint::name).orElse(route.platformId());
		return route.level().code() + " platform " + route.platformId() + " (" + name + ")";
	}

	static String describe(Duration duration) {
		if (duration.toSeconds() % 3600 == 0) {
			return duration.toHours() + " h";
		}
		if (duration.toSeconds() % 60 == 0) {
			return duration.toMinutes() + " min";
		}
		return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
	}

}
