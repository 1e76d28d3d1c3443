package org.gridintake.routes.field;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One report as the field app sends it. Boxed types, so that a missing value is told
 * apart from zero; the time stays text so a malformed one is reported against its field.
 *
 * @param clientId the app's own id for the report, stable across re-uploads
 * @param category the taxonomy code the worker chose
 * @param text what the worker saw
 * @param location the phone's GPS fix
 * @param takenAt when the report was made on the phone, ISO-8601 with offset
 * @param outsideArea the worker says it lies outside their assigned community
 * @param photos URLs of photos the app has already uploaded
 */
public record FieldReport(@JsonProperty(CLIENT_ID) String clientId, String category, String text, Location location,
		@JsonProperty("taken_at") String takenAt, @JsonProperty("outside_area") Boolean outsideArea,
		List<String> photos) {

	static final String CLIENT_ID = "client_id";

	/**
	 * @param crs {@code wgs84} (a phone's GPS; the default), {@code gcj02} or
	 * {@code bd09}
	 * @param accuracyMeters the fix's stated accuracy
	 */
	public record Location(Double lon, Double lat, String crs, @JsonProperty("accuracy_m") Double accuracyMeters) {
	}

}
