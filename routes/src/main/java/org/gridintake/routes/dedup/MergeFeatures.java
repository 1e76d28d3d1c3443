package org.gridintake.routes.dedup;

import java.time.Instant;

import org.gridintake.routes.geo.GeoPoint;

/**
 * What the merge decision looks at in a report, worked out once and stored with a master
 * so later reports are compared without re-reading it.
 *
 * @param categoryCode its category; a report without one is never merged
 * @param point its WGS-84 point; a report without one is never merged
 * @param at when it was received
 * @param doorPlate the door address it names, normalised (road + number, e.g.
 * {@code 和平路12号}), or null when it names none
 * @param problemText its text with the place words taken out, for the similarity veto
 */
public record MergeFeatures(String categoryCode, GeoPoint point, Instant at, String doorPlate, String problemText) {
}
