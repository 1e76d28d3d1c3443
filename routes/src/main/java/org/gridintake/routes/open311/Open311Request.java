package org.gridintake.routes.open311;

import java.util.Map;

/**
 * A GeoReport v2 service request as posted. Every value is kept as sent, so that a
 * malformed number is reported against its field instead of failing the whole parse.
 */
public record Open311Request(String serviceCode, String lat, String lon, String addressString, String description,
		String phone, String mediaUrl, String jurisdictionId, String crs) {

	/**
	 * Takes the spec's parameter names; parameters the gateway has no use for are
	 * ignored.
	 */
	public static Open311Request fromParameters(Map<String, String> parameters) {
		return new Open311Request(parameters.get("service_code"), parameters.get("lat"), parameters.get("long"),
				parameters.get("address_string"), parameters.get("description"), parameters.get("phone"),
				parameters.get("media_url"), parameters.get("jurisdiction_id"), parameters.get("crs"));
	}

}
