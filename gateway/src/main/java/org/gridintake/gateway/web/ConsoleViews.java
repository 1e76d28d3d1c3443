package org.gridintake.gateway.web;

import java.util.LinkedHashMap;
import java.util.Map;

import org.gridintake.routes.casedraft.CaseStore.NearbyCase;
import org.gridintake.routes.console.ConsoleLookups;
import org.gridintake.routes.console.Resolution;
import org.gridintake.routes.geo.GridUnit;
import org.gridintake.routes.geo.PlaceMatch;
import org.gridintake.routes.routing.RouteDecision;

/** The JSON the operator console reads: places, routes and nearby cases. */
final class ConsoleViews {

	private ConsoleViews() {
	}

	static Map<String, Object> resolution(Resolution resolution) {
		Map<String, Object> view = new LinkedHashMap<>();
		view.put("resolved", resolution.resolved());
		PlaceMatch match = resolution.match();
		if (resolution.resolved()) {
			view.put("grid", unit(resolution.chain().grid()));
			view.put("community", unit(resolution.chain().community()));
			view.put("street", unit(resolution.chain().street()));
			view.put("place", (match != null) ? match.placeName() : null);
			view.put("confidence", (match != null) ? match.confidence() : null);
			view.put("source", resolution.evidence().source().name().toLowerCase(java.util.Locale.ROOT));
			view.put("location",
					Map.of("lon", resolution.point().lon(), "lat", resolution.point().lat(), "crs", "wgs84"));
		}
		else {
			view.put("reason", resolution.reason());
			view.put("street", (resolution.roughArea() != null) ? unit(resolution.roughArea().street()) : null);
		}
		return view;
	}

	static Map<String, Object> nearby(ConsoleLookups.Nearby nearby) {
		Map<String, Object> view = new LinkedHashMap<>();
		view.put("center", Map.of("lon", nearby.center().lon(), "lat", nearby.center().lat(), "crs", "wgs84"));
		view.put("radius_m", nearby.radiusMeters());
		view.put("cases", nearby.cases().stream().map(ConsoleViews::nearbyCase).toList());
		return view;
	}

	private static Map<String, Object> nearbyCase(NearbyCase found) {
		Map<String, Object> view = new LinkedHashMap<>();
		view.put("case_number", found.draft().caseNumber().value());
		view.put("description", found.draft().description());
		view.put("category", found.draft().categoryCode());
		view.put("address", found.draft().address());
		view.put("distance_m", Math.round(found.distanceMeters()));
		view.put("received_at", found.draft().receivedAt().toString());
		view.put("status", found.draft().status().name());
		view.put("status_name", found.draft().status().chineseName());
		view.put("reports", found.reports());
		return view;
	}

	static Map<String, Object> unit(GridUnit unit) {
		Map<String, Object> view = new LinkedHashMap<>();
		view.put("code", unit.code());
		view.put("name", unit.name());
		return view;
	}

	static Map<String, Object> route(RouteDecision route) {
		Map<String, Object> view = new LinkedHashMap<>();
		view.put("platform_id", route.platformId());
		view.put("level", route.level().code());
		view.put("area_code", route.areaCode());
		view.put("triage", route.triage());
		view.put("rule", route.rule());
		return view;
	}

}
