package org.gridintake.routes.geo;

import java.util.Objects;

/**
 * The place a free text names, as found by a {@link PlaceGeocoder}.
 *
 * @param point where the place is, WGS-84
 * @param start index in the text as given (before any normalisation) where the mention
 * begins
 * @param end index just after the mention, so {@code text.substring(start, end)} is
 * {@code matchedText}; relative words such as 门口 or 对面 are part of it
 * @param matchedText the mention as the reporter wrote it
 * @param kind what the mention was resolved to
 * @param confidence 0..1; at or above {@link #LOCATING_CONFIDENCE} the point is precise
 * enough to pick a unit grid
 * @param placeName the gazetteer's or registry's name for the place, in its canonical
 * spelling ({@code 和平路12号}, {@code 金色家园3号楼}, {@code 幸福社区})
 */
public record PlaceMatch(GeoPoint point, int start, int end, String matchedText, MatchKind kind, double confidence,
		String placeName) {

	/**
	 * Below this a match only says which area a report is about: good for a human at
	 * triage, too coarse to route on. Coarse kinds always score below it, and a door,
	 * landmark or compound falls below it only when something casts doubt on it (an
	 * ambiguous name, a wide interpolation gap, a contradicting area name).
	 */
	public static final double LOCATING_CONFIDENCE = 0.5;

	public PlaceMatch {
		Objects.requireNonNull(point, "point");
		Objects.requireNonNull(matchedText, "matchedText");
		Objects.requireNonNull(kind, "kind");
		Objects.requireNonNull(placeName, "placeName");
		if (start < 0 || end < start) {
			throw new IllegalArgumentException("bad span [" + start + ", " + end + ")");
		}
		if (!(confidence >= 0.0 && confidence <= 1.0)) {
			throw new IllegalArgumentException("confidence " + confidence + " is not within 0..1");
		}
	}

	/** Whether the point may be used to pick the unit grid. */
	public boolean locates() {
		return this.confidence >= LOCATING_CONFIDENCE;
	}

}
