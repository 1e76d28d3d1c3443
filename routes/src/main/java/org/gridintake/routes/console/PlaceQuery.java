package org.gridintake.routes.console;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.gridintake.routes.casedraft.ReportedPoint;
import org.gridintake.routes.geo.Crs;
import org.gridintake.routes.geo.GeoPoint;
import org.gridintake.routes.intake.DecimalText;
import org.gridintake.routes.intake.FieldError;
import org.gridintake.routes.intake.InvalidReportException;

/**
 * A place the console asks about: an address as the operator typed it, or a map point.
 * Query parameters arrive as text, so each bad one is named.
 *
 * @param address the address, null when a point is given instead
 * @param point the point with its coordinate system, null when an address is given
 */
public record PlaceQuery(String address, ReportedPoint point) {

	static final int MAX_ADDRESS_LENGTH = 200;

	/**
	 * @throws InvalidReportException naming each bad parameter
	 */
	public static PlaceQuery parse(String address, String lon, String lat, String crs) {
		List<FieldError> errors = new ArrayList<>();
		String words = (address == null || address.isBlank()) ? null : address.strip();
		if (words != null && words.length() > MAX_ADDRESS_LENGTH) {
			errors.add(new FieldError("address", "must be at most " + MAX_ADDRESS_LENGTH + " characters"));
		}
		boolean anyCoordinate = present(lon) || present(lat);
		ReportedPoint point = null;
		if (anyCoordinate) {
			Double x = coordinate(lon, "lon", 180, errors);
			Double y = coordinate(lat, "lat", 90, errors);
			Optional<Crs> system = present(crs) ? Crs.fromCode(crs) : Optional.of(Crs.WGS84);
			if (system.isEmpty()) {
				errors.add(new FieldError("crs", "must be one of wgs84, gcj02, bd09"));
			}
			if (x != null && y != null && system.isPresent()) {
				point = new ReportedPoint(new GeoPoint(x, y), system.get(), null);
			}
		}
		else if (words == null) {
			errors.add(new FieldError("address", "is required unless lon and lat are given"));
		}
		if (!errors.isEmpty()) {
			throw new InvalidReportException(errors);
		}
		return new PlaceQuery(words, point);
	}

	private static Double coordinate(String value, String field, double limit, List<FieldError> errors) {
		String message = "must be a number between -" + (int) limit + " and " + (int) limit;
		if (!present(value)) {
			errors.add(new FieldError(field, "is required with " + ("lon".equals(field) ? "lat" : "lon")));
			return null;
		}
		Double parsed = DecimalText.parse(value);
		if (parsed != null && Math.abs(parsed) <= limit) {
			return parsed;
		}
		errors.add(new FieldError(field, message));
		return null;
	}

	private static boolean present(String value) {
		return value != null && !value.isBlank();
	}

}
