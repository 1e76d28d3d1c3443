package org.gridintake.routes.console;

import org.gridintake.routes.geo.GeoPoint;
import org.gridintake.routes.geo.GridChain;
import org.gridintake.routes.geo.LocationEvidence;
import org.gridintake.routes.geo.PlaceMatch;

/**
 * What intake would make of a place: the unit grid it lies in, or why it would stay
 * unlocated.
 *
 * @param chain the grid and its parents, null when it does not resolve
 * @param point the WGS-84 point, null when it does not resolve
 * @param evidence how the place was found
 * @param reason why it does not resolve, null when it does
 * @param roughArea when it does not resolve but the words point at a street, that
 * street's chain (the triage that would look at it), else null
 */
public record Resolution(GridChain chain, GeoPoint point, LocationEvidence evidence, String reason,
		GridChain roughArea) {

	public boolean resolved() {
		return this.chain != null;
	}

	/** The place the words named, as the gazetteer spells it; null when none. */
	public PlaceMatch match() {
		return (this.evidence != null) ? this.evidence.match() : null;
	}

}
