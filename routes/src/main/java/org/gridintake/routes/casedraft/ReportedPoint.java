package org.gridintake.routes.casedraft;

import org.gridintake.routes.geo.Crs;
import org.gridintake.routes.geo.GeoPoint;

/**
 * A point as the reporter's device or map gave it.
 *
 * @param point the coordinates in {@code crs}
 * @param crs the coordinate system they are in
 * @param accuracyMeters the device's stated accuracy, null when unknown
 */
public record ReportedPoint(GeoPoint point, Crs crs, Double accuracyMeters) {
}
