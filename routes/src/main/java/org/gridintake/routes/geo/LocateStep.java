package org.gridintake.routes.geo;

import java.util.List;
import java.util.Optional;

import org.gridintake.routes.casedraft.ReportedPoint;
import org.gridintake.routes.intake.FieldError;
import org.gridintake.routes.intake.InboundReport;
import org.gridintake.routes.intake.InvalidReportException;
import org.gridintake.routes.intake.IntakeWork;

/**
 * Places a report in the grid registry. A point wins when there is one (a map pick from a
 * Chinese web map is first brought back to WGS-84, since GCJ-02 and BD-09 are hundreds of
 * metres off); otherwise the address, then the text, is geocoded. A match below the
 * confidence floor leaves the case unlocated: a wrong grid sends a worker to the wrong
 * place, an unlocated case goes to triage and the resident is asked.
 */
public class LocateStep {

	private final GridLocator locator;

	private final PlaceGeocoder geocoder;

	private final double minConfidence;

	private final double addressMismatchMeters;

	public LocateStep(GridLocator locator, PlaceGeocoder geocoder, double minConfidence, double addressMismatchMeters) {
		this.locator = locator;
		this.geocoder = geocoder;
		this.minConfidence = minConfidence;
		this.addressMismatchMeters = addressMismatchMeters;
	}

	public IntakeWork locate(IntakeWork work) {
		InboundReport report = work.report();
		ReportedPoint reported = report.reportedPoint();
		if (reported != null) {
			GeoPoint wgs84 = CoordinateTransform.toWgs84(reported.point(), reported.crs());
			if (!this.locator.inServiceArea(wgs84)) {
				// a point far outside is a wrong map pick or a wrong crs: say so rather
				// than file it to triage
				throw new InvalidReportException(
						List.of(new FieldError("location", "lies outside the area this gateway serves (" + wgs84
								+ " in WGS-84); check the point and its crs")));
			}
			Optional<PlaceMatch> address = precise(report.address());
			Double distance = address.map((match) -> match.point().distanceMeters(wgs84)).orElse(null);
			return work.withPlace(wgs84, this.locator.locate(wgs84).orElse(null),
					new LocationEvidence(LocationEvidence.Source.POINT, address.orElse(null), distance,
							distance != null && distance > this.addressMismatchMeters));
		}
		Optional<PlaceMatch> fromAddress = precise(report.address());
		if (fromAddress.isPresent()) {
			return placed(work, fromAddress.get(), LocationEvidence.Source.ADDRESS);
		}
		Optional<PlaceMatch> fromText = precise(work.text());
		if (fromText.isPresent()) {
			return placed(work, fromText.get(), LocationEvidence.Source.TEXT);
		}
		PlaceMatch coarse = geocode(report.address()).or(() -> geocode(work.text())).orElse(null);
		IntakeWork unlocated = work.withPlace(null, null, LocationEvidence.none(coarse));
		// too coarse to pick a unit grid, but good enough to pick the street whose triage
		// should look at it
		return (coarse == null) ? unlocated
				: this.locator.locate(coarse.point())
					.map((area) -> unlocated.withTriageArea(area.chain()))
					.orElse(unlocated);
	}

	private IntakeWork placed(IntakeWork work, PlaceMatch match, LocationEvidence.Source source) {
		return work.withPlace(match.point(), this.locator.locate(match.point()).orElse(null),
				new LocationEvidence(source, match, null, false));
	}

	private Optional<PlaceMatch> precise(String words) {
		return geocode(words).filter((match) -> match.confidence() >= this.minConfidence);
	}

	private Optional<PlaceMatch> geocode(String words) {
		return (words == null || words.isBlank()) ? Optional.empty() : this.geocoder.geocode(words);
	}

}
