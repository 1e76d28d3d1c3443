package org.gridintake.routes.open311;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.gridintake.routes.intake.FieldError;
import org.gridintake.routes.portal.PortalReport;
import org.gridintake.routes.portal.PortalSubmission;

/**
 * Turns an Open311 service request into a portal submission, so that both front ends run
 * through the one portal intake and its validation; and names the pipeline's field errors
 * by the Open311 fields a client sent.
 */
public class Open311RequestMapper {

	/** Pipeline field → the Open311 parameter a client used for it. */
	private static final Map<String, String> OPEN311_FIELDS = Map.of("text", "description", "location", "lat",
			"location.lat", "lat", "location.lon", "long", "location.crs", "crs", "address", "address_string", "mobile",
			"phone", "category", "service_code");

	private final String serviceDistrict;

	public Open311RequestMapper(String serviceDistrict) {
		this.serviceDistrict = serviceDistrict;
	}

	public PortalSubmission toSubmission(Open311Request request, String idempotencyKey, byte[] rawBody,
			String contentType, Instant receivedAt) {
		checkJurisdiction(request.jurisdictionId());
		List<Open311Error> errors = new ArrayList<>();
		if (blankToNull(request.serviceCode()) == null) {
			errors.add(bad("service_code", "is required"));
		}
		Double lat = number(request.lat(), "lat", errors);
		Double lon = number(request.lon(), "long", errors);
		if (lat != null && lon == null && blankToNull(request.lon()) == null) {
			errors.add(bad("long", "is required when lat is given"));
		}
		if (lon != null && lat == null && blankToNull(request.lat()) == null) {
			errors.add(bad("lat", "is required when long is given"));
		}
		String mediaUrl = blankToNull(request.mediaUrl());
		if (mediaUrl != null && !isWebUrl(mediaUrl)) {
			errors.add(bad("media_url", "must be an http or https URL"));
		}
		if (!errors.isEmpty()) {
			throw new Open311RejectedException(400, errors);
		}
		PortalReport.Location location = (lat != null && lon != null)
				? new PortalReport.Location(lon, lat, blankToNull(request.crs()), null) : null;
		// media_url has no field of its own in the case draft yet; it survives in the
		// stored raw body, which is kept with every case
		PortalReport report = new PortalReport(request.description(), location, request.addressString(),
				request.phone(), null, blankToNull(request.serviceCode()));
		return new PortalSubmission(report, idempotencyKey, rawBody, contentType, receivedAt);
	}

	/**
	 * The spec gives 404 for a jurisdiction it does not serve; one gateway serves one
	 * district, so a missing jurisdiction_id means that district.
	 */
	public void checkJurisdiction(String jurisdictionId) {
		String wanted = blankToNull(jurisdictionId);
		if (wanted != null && !wanted.equals(this.serviceDistrict)) {
			throw new Open311RejectedException(404, "jurisdiction_id: is not served here");
		}
	}

	/** The pipeline's field errors as Open311 errors, named by the Open311 parameters. */
	public static List<Open311Error> describe(List<FieldError> errors) {
		return errors.stream()
			.map((error) -> bad(OPEN311_FIELDS.getOrDefault(error.field(), error.field()),
					"category".equals(error.field()) ? "is not a known service code" : error.message()))
			.toList();
	}

	private static Double number(String value, String field, List<Open311Error> errors) {
		String text = blankToNull(value);
		if (text == null) {
			return null;
		}
		try {
			double parsed = Double.parseDouble(text);
			if (!Double.isFinite(parsed)) {
				errors.add(bad(field, "must be a finite number"));
				return null;
			}
			return parsed;
		}
		catch (NumberFormatException ex) {
			errors.add(bad(field, "must be a decimal number"));
			return null;
		}
	}

	private static boolean isWebUrl(String value) {
		try {
			URI uri = new URI(value);
			return ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
					&& uri.getHost() != null;
		}
		catch (URISyntaxException ex) {
			return false;
		}
	}

	private static Open311Error bad(String field, String message) {
		return new Open311Error(400, field + ": " + message);
	}

	private static String blankToNull(String value) {
		return (value == null || value.isBlank()) ? null : value.strip();
	}

}
