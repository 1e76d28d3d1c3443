package org.gridintake.adapters.geo;

import java.nio.file.Path;
import java.util.Locale;

/** Small registries written as text, so a test can break exactly one feature. */
final class GridTestRegistries {

	static final double METRES_PER_DEGREE = 6_371_008.8 * Math.PI / 180.0;

	private GridTestRegistries() {
	}

	static Path sampleRegistry() {
		String configDir = System.getProperty("gateway.config-dir");
		Path dir = (configDir != null && !configDir.isBlank()) ? Path.of(configDir) : Path.of("..", "config");
		return dir.resolve("grids.geojson");
	}

	/**
	 * One district, street and community (116.0..116.01 E, 40.0..40.01 N), cut at the
	 * given longitudes into unit grids from west to east.
	 */
	static String registry(double... cuts) {
		String whole = square(116.0, 40.0, 116.01, 40.01);
		StringBuilder json = new StringBuilder("{\"type\": \"FeatureCollection\", \"features\": [");
		json.append(feature("110199", "测试区", "district", null, whole)).append(", ");
		json.append(feature("110199001", "测试街道", "street", "110199", whole)).append(", ");
		json.append(feature("110199001001", "测试社区", "community", "110199001", whole));
		double west = 116.0;
		for (int i = 0; i <= cuts.length; i++) {
			double east = (i < cuts.length) ? cuts[i] : 116.01;
			json.append(", ")
				.append(feature(grid(i + 1), "测试社区第" + (i + 1) + "网格", "grid", "110199001001",
						square(west, 40.0, east, 40.01)));
			west = east;
		}
		return json.append("]}").toString();
	}

	static String grid(int number) {
		return String.format(Locale.ROOT, "110199001001%03d", number);
	}

	static String feature(String code, String name, String level, String parent, String rings) {
		String parentJson = (parent != null) ? "\"" + parent + "\"" : "null";
		return "{\"type\": \"Feature\", \"geometry\": {\"type\": \"Polygon\", \"coordinates\": " + rings
				+ "}, \"properties\": {\"code\": \"" + code + "\", \"name\": \"" + name + "\", \"level\": \"" + level
				+ "\", \"parent\": " + parentJson + "}}";
	}

	static String square(double west, double south, double east, double north) {
		return String.format(Locale.ROOT, "[[[%s, %s], [%s, %s], [%s, %s], [%s, %s], [%s, %s]]]", west, south, east,
				south, east, north, west, north, west, south);
	}

	/** Degrees of longitude spanning the given metres at the given latitude. */
	static double lonDegrees(double metres, double lat) {
		return metres / (METRES_PER_DEGREE * Math.cos(Math.toRadians(lat)));
	}

}
