package org.gridintake.adapters.geo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.gridintake.routes.geo.GridLevel;
import org.gridintake.routes.geo.GridUnit;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.operation.valid.IsValidOp;
import org.locationtech.jts.operation.valid.TopologyValidationError;

/**
 * Reads a grid registry GeoJSON file and refuses it whole when anything is inconsistent:
 * a half-loaded registry would silently send cases to the wrong community, which is worse
 * than the gateway not starting.
 */
final class GridRegistryReader {

	private static final GeometryFactory GEOMETRY = new GeometryFactory();

	private final Path file;

	private GridRegistryReader(Path file) {
		this.file = file;
	}

	static GridRegistry read(Path file) {
		byte[] content;
		try {
			content = Files.readAllBytes(file);
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot read grid registry " + file + ": " + ex.getMessage(), ex);
		}
		return read(file, content);
	}

	/** Parses content already read, so a caller that hashed it does not read twice. */
	static GridRegistry read(Path file, byte[] content) {
		return new GridRegistryReader(file).parse(content);
	}

	private GridRegistry parse(byte[] content) {
		JsonNode features = GeoJsonFeatures.of(content, this::fail);
		Map<String, GridRegistry.Entry> units = new LinkedHashMap<>();
		for (int i = 0; i < features.size(); i++) {
			GridRegistry.Entry entry = entry(features.get(i), i);
			if (units.putIfAbsent(entry.unit().code(), entry) != null) {
				throw fail("duplicate code " + entry.unit().code() + " (feature #" + i + ")");
			}
		}
		// Parents are checked once all features are in: a file need not list a
		// parent before its children.
		units.values().forEach((entry) -> checkParent(entry, units));
		if (units.values().stream().noneMatch((entry) -> entry.unit().level() == GridLevel.GRID)) {
			throw fail("no feature of level grid");
		}
		GridTopology.check(units, this::fail);
		return new GridRegistry(version(content), Collections.unmodifiableMap(units));
	}

	private GridRegistry.Entry entry(JsonNode feature, int index) {
		JsonNode properties = feature.path("properties");
		String code = text(properties, "code");
		if (code == null || code.isBlank()) {
			throw fail("feature #" + index + " has no code");
		}
		String name = text(properties, "name");
		if (name == null || name.isBlank()) {
			throw fail("unit " + code + " has no name");
		}
		String levelCode = text(properties, "level");
		GridLevel level;
		try {
			level = GridLevel.fromCode(levelCode);
		}
		catch (RuntimeException ex) {
			throw fail("unit " + code + " has unknown level '" + levelCode + "'");
		}
		String parent = text(properties, "parent");
		Geometry area = area(feature.path("geometry"), code);
		return new GridRegistry.Entry(new GridUnit(code, name, level), parent, area);
	}

	private void checkParent(GridRegistry.Entry entry, Map<String, GridRegistry.Entry> units) {
		GridUnit unit = entry.unit();
		String parentCode = entry.parentCode();
		if (unit.level() == GridLevel.DISTRICT) {
			if (parentCode != null) {
				throw fail("unit " + unit.code() + " is a district but has parent " + parentCode);
			}
			return;
		}
		GridLevel expected = GridLevel.values()[unit.level().ordinal() - 1];
		if (parentCode == null) {
			throw fail("unit " + unit.code() + " (" + unit.level().code() + ") has no parent");
		}
		GridRegistry.Entry parent = units.get(parentCode);
		if (parent == null) {
			throw fail("unit " + unit.code() + " has unknown parent " + parentCode);
		}
		if (parent.unit().level() != expected) {
			throw fail("unit " + unit.code() + " (" + unit.level().code() + ") has parent " + parentCode + " of level "
					+ parent.unit().level().code() + ", expected " + expected.code());
		}
		if (!unit.code().startsWith(parentCode) || unit.code().length() == parentCode.length()) {
			throw fail("unit " + unit.code() + " does not extend its parent's code " + parentCode);
		}
	}

	private Geometry area(JsonNode geometry, String code) {
		String type = geometry.path("type").asText("");
		JsonNode coordinates = geometry.path("coordinates");
		Geometry area;
		try {
			area = switch (type) {
				case "Polygon" -> polygon(coordinates);
				case "MultiPolygon" -> {
					Polygon[] polygons = new Polygon[coordinates.size()];
					for (int i = 0; i < polygons.length; i++) {
						polygons[i] = polygon(coordinates.get(i));
					}
					yield GEOMETRY.createMultiPolygon(polygons);
				}
				default -> throw new IllegalArgumentException("geometry type '" + type + "' is not a Polygon");
			};
		}
		catch (IllegalArgumentException ex) {
			throw fail("unit " + code + " has an invalid polygon: " + ex.getMessage());
		}
		if (area.isEmpty()) {
			throw fail("unit " + code + " has an empty polygon");
		}
		TopologyValidationError error = new IsValidOp(area).getValidationError();
		if (error != null) {
			throw fail("unit " + code + " has an invalid polygon: " + error);
		}
		return area;
	}

	private static Polygon polygon(JsonNode rings) {
		if (!rings.isArray() || rings.isEmpty()) {
			throw new IllegalArgumentException("no rings");
		}
		LinearRing shell = ring(rings.get(0));
		LinearRing[] holes = new LinearRing[rings.size() - 1];
		for (int i = 1; i < rings.size(); i++) {
			holes[i - 1] = ring(rings.get(i));
		}
		return GEOMETRY.createPolygon(shell, holes);
	}

	private static LinearRing ring(JsonNode positions) {
		if (!positions.isArray()) {
			throw new IllegalArgumentException("a ring is not an array of positions");
		}
		List<Coordinate> coordinates = new ArrayList<>(positions.size());
		for (JsonNode position : positions) {
			JsonNode lon = position.path(0);
			JsonNode lat = position.path(1);
			if (!lon.isNumber() || !lat.isNumber()) {
				throw new IllegalArgumentException("position " + position + " is not [lon, lat]");
			}
			coordinates.add(new Coordinate(lon.doubleValue(), lat.doubleValue()));
		}
		if (coordinates.size() < 4 || !coordinates.get(0).equals2D(coordinates.get(coordinates.size() - 1))) {
			throw new IllegalArgumentException("a ring must be closed and have at least four positions");
		}
		List<Coordinate> cleaned = withoutSpikes(coordinates.subList(0, coordinates.size() - 1));
		if (cleaned.size() < 3) {
			throw new IllegalArgumentException("a ring collapses to fewer than three distinct positions");
		}
		cleaned.add(new Coordinate(cleaned.get(0)));
		return GEOMETRY.createLinearRing(cleaned.toArray(Coordinate[]::new));
	}

	/**
	 * Drops repeated positions and zero-area spikes (A, B, A) from an open ring, treating
	 * it as a cycle. Registry exports round to 1e-7 degrees, which leaves centimetre-long
	 * back-and-forth spikes where a grid was cut along its community's edge; JTS rightly
	 * calls those self-intersections, but they enclose nothing, so removing them does not
	 * change the grid's area. Any other defect is still refused by the validity check.
	 */
	private static List<Coordinate> withoutSpikes(List<Coordinate> open) {
		List<Coordinate> ring = new ArrayList<>(open);
		boolean changed = true;
		while (changed && ring.size() >= 3) {
			changed = false;
			int i = 0;
			while (i < ring.size() && ring.size() >= 3) {
				int size = ring.size();
				Coordinate previous = ring.get((i + size - 1) % size);
				Coordinate current = ring.get(i);
				Coordinate next = ring.get((i + 1) % size);
				if (current.equals2D(next) || previous.equals2D(next)) {
					ring.remove(i);
					changed = true;
				}
				else {
					i++;
				}
			}
		}
		return ring;
	}

	private static String text(JsonNode properties, String field) {
		JsonNode value = properties.get(field);
		return (value == null || value.isNull()) ? null : value.asText();
	}

	static String version(byte[] content) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(content);
			return "sha256:" + HexFormat.of().formatHex(digest).substring(0, 12);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is not available", ex);
		}
	}

	private IllegalStateException fail(String problem) {
		return new IllegalStateException("Grid registry " + this.file + ": " + problem);
	}

}
