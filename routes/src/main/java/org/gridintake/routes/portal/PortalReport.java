package org.gridintake.routes.portal;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A report as the web portal posts it. Boxed types, so that a missing value is told apart
 * from zero.
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public record PortalReport(String text, Location location, String address, String mobile,
		@JsonProperty("sms_allowed") Boolean smsAllowed, String category) {

	public record Location(Double lon, Double lat, String crs, @JsonProperty("accuracy_m") Double accuracyMeters) {
	}

}
