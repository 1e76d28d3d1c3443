package org.gridintake.routes.geo;

import java.util.Optional;

/** Port: finds the unit grid (and its parents) that contains a WGS-84 point. */
public interface GridLocator {

	/** The grid containing the point, or empty when the point lies outside every grid. */
	Optional<GridLocation> locate(GeoPoint wgs84);

	/** Any unit of the registry by its code, at whatever level. */
	Optional<GridUnit> unit(String code);

	/**
	 * Whether the point lies inside the registry's district(s) or within the configured
	 * margin around them, so that intake can refuse a report from elsewhere with a clear
	 * message instead of filing it as unlocated. A point in the margin is served (routed
	 * to triage) because GPS and map picks near the border scatter across it.
	 * <p>
	 * The default, for locators that know no margin, is "inside some grid".
	 */
	default boolean inServiceArea(GeoPoint wgs84) {
		return locate(wgs84).isPresent();
	}

}
