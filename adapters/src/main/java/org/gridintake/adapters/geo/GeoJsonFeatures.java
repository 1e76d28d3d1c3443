package org.gridintake.adapters.geo;

import java.io.IOException;
import java.util.function.Function;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The features of a GeoJSON FeatureCollection, or a refusal worded by the file's reader.
 */
final class GeoJsonFeatures {

	private static final ObjectMapper JSON = new ObjectMapper();

	private GeoJsonFeatures() {
	}

	/**
	 * @param fail turns a problem into the exception that names the file
	 */
	static JsonNode of(byte[] content, Function<String, IllegalStateException> fail) {
		JsonNode root;
		try {
			root = JSON.readTree(content);
		}
		catch (JsonProcessingException ex) {
			throw fail.apply("not valid JSON: " + ex.getOriginalMessage());
		}
		catch (IOException ex) {
			throw fail.apply("not valid JSON: " + ex.getMessage());
		}
		JsonNode features = (root != null) ? root.get("features") : null;
		if (features == null || !features.isArray()) {
			throw fail.apply("not a GeoJSON FeatureCollection (no \"features\" array)");
		}
		return features;
	}

}
