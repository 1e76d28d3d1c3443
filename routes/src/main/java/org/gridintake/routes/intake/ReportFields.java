package org.gridintake.routes.intake;

import java.util.List;
import java.util.Optional;

import org.gridintake.routes.casedraft.ReportedPoint;
import org.gridintake.routes.geo.Crs;
import org.gridintake.routes.geo.GeoPoint;

/**
 * The checks every channel makes of the same kinds of field, worded the same way, so a
 * client learns one set of messages whichever API it calls.
 */
public final class ReportFields {

	private ReportFields() {
	}

	/** A text field that must be there, stripped; null (and an error) when it is not. */
	public static String required(String value, String field, int maxLength, List<FieldError> errors) {
		String stripped = blankToNull(value);
		if (stripped == null) {
			errors.add(new FieldError(field, "is required"));
		}
		else if (stripped.length() > maxLength) {
			errors.add(new FieldError(field, "must be at most " + maxLength + " characters"));
		}
		return stripped;
	}

	public static String blankToNull(String value) {
		return (value == null || value.isBlank()) ? null : value.strip();
	}

	/**
	 * A point as sent: longitude and latitude required and in range, the coordinate
	 * system one the gateway converts (WGS-84 when left out), the accuracy not negative.
	 * @param field the point's field name, which prefixes each error
	 * ({@code location.lat})
	 * @return the point, or null when any part was wrong (each named in {@code errors})
	 */
	public static ReportedPoint point(Double lon, Double lat, String crsCode, Double accuracyMeters, String field,
			List<FieldError> errors) {
		int before = errors.size();
		if (lon == null) {
			errors.add(new FieldError(field + ".lon", "is required"));
		}
		else if (!Double.isFinite(lon) || lon < -180 || lon > 180) {
			errors.add(new FieldError(field + ".lon", "must be a longitude between -180 and 180"));
		}
		if (lat == null) {
			errors.add(new FieldError(field + ".lat", "is required"));
		}
		else if (!Double.isFinite(lat) || lat < -90 || lat > 90) {
			errors.add(new FieldError(field + ".lat", "must be a latitude between -90 and 90"));
		}
		Optional<Crs> crs = (crsCode == null) ? Optional.of(Crs.WGS84) : Crs.fromCode(crsCode);
		if (crs.isEmpty()) {
			errors.add(new FieldError(field + ".crs", "must be one of wgs84, gcj02, bd09"));
		}
		if (accuracyMeters != null && (!Double.isFinite(accuracyMeters) || accuracyMeters < 0)) {
			errors.add(new FieldError(field + ".accuracy_m", "must be a non-negative number of metres"));
		}
		return (errors.size() > before) ? null : new ReportedPoint(new GeoPoint(lon, lat), crs.get(), accuracyMeters);
	}

}
