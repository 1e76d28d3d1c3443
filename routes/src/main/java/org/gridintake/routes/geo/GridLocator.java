package org.gridintake.routes.geo;

import java.util.Optional;

/** Port: finds the unit grid (and its parents) that contains a WGS-84 point. */
public interface GridLocator {

	/** The grid containing the point, or empty when the point lies outside every grid. */
	Optional<GridLocation> locate(GeoPoint wgs84);

	/** Any unit of the registry by its code, at whatever level. */
	Optional<GridUnit> unit(String code);

}
