package org.gridintake.routes.open311;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.gridintake.routes.intake.DecimalText;
import org.gridintake.routes.intake.FieldError;
import org.gridintake.routes.media.MediaLinks;
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

	private final MediaLinks links;

	private final int maxPhotos;

	/**
	 * @param links to recognise the gateway's own photo URLs in {@code media_url}
	 * @param maxPhotos photos per request, {@code media_url} and uploaded ones together
	 */
	public Open311RequestMapper(String serviceDistrict, MediaLinks links, int maxPhotos) {
		this.serviceDistrict = serviceDistrict;
		this.links = links;
		this.maxPhotos = maxPhotos;
	}

	public PortalSubmission toSubmission(Open311Request request, String idempotencyKey, byte[] rawBody,
			String contentType, Instant receivedAt) {
		return toSubmission(request, List.of(), idempotencyKey, rawBody, contentType, receivedAt);
	}

	/**
	 * @param uploadedPhotoUrls the URLs of photos sent with the request, already checked;
	 * they follow {@code media_url} in the case's photos
	 */
	public PortalSubmission toSubmission(Open311Request request, List<String> uploadedPhotoUrls, String idempotencyKey,
			byte[] rawBody, String contentType, Instant receivedAt) {
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
		if (mediaUrl != null && this.links.own(mediaUrl).isEmpty() && !MediaLinks.isWebUrl(mediaUrl)) {
			errors.add(bad("media_url", "must be an http or https URL"));
		}
		List<String> mediaUrls = new ArrayList<>();
		if (mediaUrl != null) {
			mediaUrls.add(mediaUrl);
		}
		mediaUrls.addAll(uploadedPhotoUrls);
		if (mediaUrls.size() > this.maxPhotos) {
			errors.add(bad("media", "at most " + this.maxPhotos + " photos per request, media_url included"));
		}
		if (!errors.isEmpty()) {
			throw new Open311RejectedException(400, errors);
		}
		PortalReport.Location location = (lat != null && lon != null)
				? new PortalReport.Location(lon, lat, blankToNull(request.crs()), null) : null;
		PortalReport report = new PortalReport(request.description(), location, request.addressString(),
				request.phone(), null, blankToNull(request.serviceCode()), mediaUrls.isEmpty() ? null : mediaUrls);
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
			.map((error) -> bad(open311Field(error.field()),
					"category".equals(error.field()) ? "is not a known service code" : error.message()))
			.toList();
	}

	private static String open311Field(String field) {
		// the case's photo list is media_url followed by the uploads, which were
		// checked before they were stored; what the pipeline refuses there is media_url
		if (field.startsWith("media_urls")) {
			return "media_url";
		}
		return OPEN311_FIELDS.getOrDefault(field, field);
	}

	private static Double number(String value, String field, List<Open311Error> errors) {
		String text = blankToNull(value);
		if (text == null) {
			return null;
		}
		Double parsed = DecimalText.parse(text);
		if (parsed == null) {
			errors.add(bad(field, "must be a decimal number"));
		}
		return parsed;
	}

	private static Open311Error bad(String field, String message) {
		return new Open311Error(400, field + ": " + message);
	}

	private static String blankToNull(String value) {
		return (value == null || value.isBlank()) ? null : value.strip();
	}

}
