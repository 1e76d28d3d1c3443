package org.gridintake.routes.geo;

import org.gridintake.routes.casedraft.ReportedPoint;
import org.gridintake.routes.intake.IntakeWork;

/**
 * Places a report in the grid registry. A point from a Chinese web map is first brought
 * back to WGS-84, since GCJ-02 and BD-09 are hundreds of metres off in the city.
 */
public class LocateStep {

	private final GridLocator locator;

	public LocateStep(GridLocator locator) {
		this.locator = locator;
	}

	public IntakeWork locate(IntakeWork work) {
		ReportedPoint reported = work.report().reportedPoint();
		if (reported == null) {
			return work;
		}
		GeoPoint wgs84 = CoordinateTransform.toWgs84(reported.point(), reported.crs());
		return work.withPlace(wgs84, this.locator.locate(wgs84).orElse(null));
	}

}
