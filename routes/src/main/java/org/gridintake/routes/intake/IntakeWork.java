package org.gridintake.routes.intake;

import org.gridintake.routes.geo.GeoPoint;
import org.gridintake.routes.geo.GridChain;
import org.gridintake.routes.geo.GridLocation;
import org.gridintake.routes.geo.LocationEvidence;
import org.gridintake.routes.routing.RouteDecision;

/**
 * A report on its way through the intake steps; each step returns a copy with its part
 * filled in.
 *
 * @param report the report as the channel gave it
 * @param text the text normalised for parsing (NFKC); the case keeps the sender's own
 * characters
 * @param wgs84 the point in WGS-84, null when unknown
 * @param location the grid it lies in, null when unlocated
 * @param evidence how the point was found
 * @param triageArea for an unlocated report, where its words roughly point (a community
 * or street named, a road without a number), so it goes to that street's triage; else
 * null
 * @param categoryCode the category, from the sender or the taxonomy's keywords
 * @param route the routing decision
 */
public record IntakeWork(InboundReport report, String text, GeoPoint wgs84, GridLocation location,
		LocationEvidence evidence, GridChain triageArea, String categoryCode, RouteDecision route) {

	public static IntakeWork of(InboundReport report) {
		return new IntakeWork(report, report.text(), null, null, LocationEvidence.none(null), null,
				report.categoryCode(), null);
	}

	public IntakeWork withText(String normalised) {
		return new IntakeWork(this.report, normalised, this.wgs84, this.location, this.evidence, this.triageArea,
				this.categoryCode, this.route);
	}

	public IntakeWork withPlace(GeoPoint point, GridLocation gridLocation, LocationEvidence how) {
		return new IntakeWork(this.report, this.text, point, gridLocation, how, null, this.categoryCode, this.route);
	}

	/** Unlocated, but the words point roughly at this area. */
	public IntakeWork withTriageArea(GridChain area) {
		return new IntakeWork(this.report, this.text, this.wgs84, this.location, this.evidence, area, this.categoryCode,
				this.route);
	}

	public IntakeWork withCategory(String code) {
		return new IntakeWork(this.report, this.text, this.wgs84, this.location, this.evidence, this.triageArea, code,
				this.route);
	}

	public IntakeWork withRoute(RouteDecision decision) {
		return new IntakeWork(this.report, this.text, this.wgs84, this.location, this.evidence, this.triageArea,
				this.categoryCode, decision);
	}

}
