package org.gridintake.adapters.geo;

import java.util.Map;

import org.gridintake.routes.geo.GridUnit;
import org.locationtech.jts.geom.Geometry;

/**
 * A grid registry that has passed every consistency check: each parent exists, sits one
 * level up and prefixes its children's codes, every polygon is valid, and each level
 * tiles its parent without gaps or overlaps ({@link GridTopology}).
 *
 * @param version identifies the file's content, so a case records which drawing of the
 * grids located it
 * @param units every unit by code, in file order
 */
record GridRegistry(String version, Map<String, Entry> units) {

	/**
	 * One unit of the registry.
	 *
	 * @param unit code, name and level
	 * @param parentCode the enclosing unit, null for a district
	 * @param area its (multi)polygon in WGS-84 lon/lat
	 */
	record Entry(GridUnit unit, String parentCode, Geometry area) {
	}

}
