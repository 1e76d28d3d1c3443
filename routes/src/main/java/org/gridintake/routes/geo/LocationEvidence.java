package org.gridintake.routes.geo;

/**
 * How a case's place was found, so that an operator or a grid worker can judge it.
 *
 * @param source where the point came from
 * @param match the place named in the words (the address, else the text), null when none
 * was found
 * @param addressDistanceMeters when a report carries both a point and an address that
 * resolves: how far apart they are; null otherwise
 * @param addressMismatch whether that distance is beyond the configured limit, a hint
 * that the resident picked the map wrongly or typed another place
 */
public record LocationEvidence(Source source, PlaceMatch match, Double addressDistanceMeters, boolean addressMismatch) {

	public enum Source {

		/** A map pick or GPS fix. */
		POINT,
		/** The address field, geocoded. */
		ADDRESS,
		/** The report's own text, geocoded. */
		TEXT,
		/** Nothing precise enough; the case is unlocated. */
		NONE

	}

	public static LocationEvidence none(PlaceMatch coarse) {
		return new LocationEvidence(Source.NONE, coarse, null, false);
	}

}
