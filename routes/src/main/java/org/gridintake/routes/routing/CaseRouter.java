package org.gridintake.routes.routing;

import java.util.Optional;

import org.gridintake.routes.geo.GridChain;
import org.gridintake.routes.geo.GridLevel;
import org.gridintake.routes.intake.IntakeWork;

/**
 * Picks the platform that must handle a case: the category's level, at the platform
 * covering the located grid there. Cases without a place or a category go to a triage
 * queue, never to a guessed handler.
 */
public class CaseRouter {

	private final Taxonomy taxonomy;

	private final PlatformDirectory platforms;

	private final String serviceDistrictCode;

	public CaseRouter(Taxonomy taxonomy, PlatformDirectory platforms, String serviceDistrictCode) {
		this.taxonomy = taxonomy;
		this.platforms = platforms;
		this.serviceDistrictCode = serviceDistrictCode;
		if (platforms.covering(GridLevel.DISTRICT, serviceDistrictCode).isEmpty()) {
			throw new IllegalArgumentException("no district platform covers the service district " + serviceDistrictCode
					+ ": triage has nowhere to go");
		}
	}

	public IntakeWork route(IntakeWork work) {
		if (work.location() == null && work.triageArea() != null) {
			return work.withRoute(triage(GridLevel.STREET, work.triageArea().street().code(),
					"unlocated, but its words point to " + work.triageArea().street().name() + ": street triage"));
		}
		return work.withRoute(decide(work.categoryCode(), work.location() == null ? null : work.location().chain()));
	}

	public RouteDecision decide(String categoryCode, GridChain chain) {
		if (chain == null) {
			return triage(GridLevel.DISTRICT, this.serviceDistrictCode, "unlocated: district triage");
		}
		Optional<Category> category = this.taxonomy.find(categoryCode);
		if (category.isEmpty()) {
			return triage(GridLevel.STREET, chain.street().code(), "no category: street triage");
		}
		GridLevel wanted = category.get().level();
		for (GridLevel level = wanted; level != null; level = wider(level)) {
			String area = chain.at(level).code();
			Optional<PlatformEndpoint> platform = this.platforms.covering(level, area);
			if (platform.isPresent()) {
				String why = "category " + category.get().code() + " " + category.get().name() + " is handled at "
						+ wanted.code() + " level" + ((level != wanted) ? "; no " + wanted.code() + " platform covers "
								+ chain.at(wanted).code() + ", so " + level.code() : "");
				return new RouteDecision(platform.get().id(), level, area, why, false);
			}
		}
		return triage(GridLevel.DISTRICT, chain.district().code(),
				"no platform covers the case's area: district triage");
	}

	private RouteDecision triage(GridLevel level, String area, String why) {
		for (GridLevel candidate = level; candidate != null; candidate = wider(candidate)) {
			Optional<PlatformEndpoint> platform = this.platforms.covering(candidate, area);
			if (platform.isPresent()) {
				return new RouteDecision(platform.get().id(), candidate, area, why, true);
			}
		}
		PlatformEndpoint district = this.platforms.covering(GridLevel.DISTRICT, this.serviceDistrictCode).orElseThrow();
		return new RouteDecision(district.id(), GridLevel.DISTRICT, this.serviceDistrictCode, why, true);
	}

	private static GridLevel wider(GridLevel level) {
		return switch (level) {
			case GRID -> GridLevel.COMMUNITY;
			case COMMUNITY -> GridLevel.STREET;
			case STREET -> GridLevel.DISTRICT;
			case DISTRICT -> null;
		};
	}

}
