package org.gridintake.routes.portal;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A report as the web portal posts it. Boxed types, so that a missing value is told apart
 * from zero.
 *
 * @param mediaUrls photos of the incident: http(s) URLs, or the URLs
 * {@code POST /api/v1/photos} answered with; null when none
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public record PortalReport(String text, Location location, String address, String mobile,
		@JsonProperty("sms_allowed") Boolean smsAllowed, String category,
		@JsonProperty("media_urls") List<String> mediaUrls) {

	/** A report without photos. */
	public PortalReport(String text, Location location, String address, String mobile, Boolean smsAllowed,
			String category) {
		this(text, location, address, mobile, smsAllowed, category, null);
	}

	public record Location(Double lon, Double lat, String crs, @JsonProperty("accuracy_m") Double accuracyMeters) {
	}

}
