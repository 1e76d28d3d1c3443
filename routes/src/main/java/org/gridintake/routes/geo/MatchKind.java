package org.gridintake.routes.geo;

/**
 * What a place mention in free text was resolved to, finest first. The kind tells a
 * caller how far to trust the point beyond its confidence: the first five pin a spot a
 * few tens of metres wide, the last three only name an area.
 */
public enum MatchKind {

	/** A door plate found in the gazetteer exactly as written. */
	DOOR_EXACT,

	/**
	 * A door number the gazetteer lacks, placed between its neighbours on the same side.
	 */
	DOOR_INTERPOLATED,

	/** A landmark: school, hospital, market, metro station and the like. */
	POI,

	/** A residential compound named without a usable building number. */
	COMPOUND,

	/** A numbered building of a compound; the point is still the compound's centre. */
	COMPOUND_BUILDING,

	/** A road named without a door number the gazetteer can place. */
	ROAD,

	/** A community (社区) named on its own. */
	COMMUNITY,

	/** A street (街道) named on its own. */
	STREET;

	/**
	 * Whether the match names an area too large to pick a unit grid from, so that its
	 * point is only a representative point inside it.
	 */
	public boolean isCoarse() {
		return this == ROAD || this == COMMUNITY || this == STREET;
	}

}
