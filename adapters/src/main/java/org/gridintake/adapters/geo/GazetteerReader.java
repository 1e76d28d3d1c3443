package org.gridintake.adapters.geo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import org.gridintake.routes.geo.GeoPoint;
import org.gridintake.routes.geo.GridLevel;
import org.gridintake.routes.geo.MatchKind;
import org.locationtech.jts.geom.Point;

/**
 * Builds the {@link Gazetteer} from the gazetteer file and the grid registry, and refuses
 * a file it cannot fully understand: a gazetteer that silently dropped half its door
 * plates would send reports to a neighbouring road's grid rather than to triage.
 */
final class GazetteerReader {

	private static final String COMPOUND_SUFFIX = "小区";

	private static final String METRO_SUFFIX = "地铁站";

	private final Path file;

	private GazetteerReader(Path file) {
		this.file = file;
	}

	static Gazetteer read(Path placesFile, GridRegistry registry) {
		byte[] content;
		try {
			content = Files.readAllBytes(placesFile);
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot read gazetteer " + placesFile + ": " + ex.getMessage(), ex);
		}
		return new GazetteerReader(placesFile).parse(content, registry);
	}

	private Gazetteer parse(byte[] content, GridRegistry registry) {
		JsonNode features = GeoJsonFeatures.of(content, this::fail);
		Map<String, JsonNode> roads = new LinkedHashMap<>();
		Map<String, Set<String>> roadAliases = new HashMap<>();
		Map<String, Map<Integer, GeoPoint>> plates = new LinkedHashMap<>();
		List<Gazetteer.Name> names = new ArrayList<>();
		for (int i = 0; i < features.size(); i++) {
			JsonNode feature = features.get(i);
			JsonNode properties = feature.path("properties");
			String kind = properties.path("kind").asText("");
			String name = text(properties, "name");
			if (name == null || name.isBlank()) {
				throw fail("feature #" + i + " (" + kind + ") has no name");
			}
			switch (kind) {
				case "road" -> {
					if (roads.putIfAbsent(name, feature.path("geometry")) != null) {
						throw fail("duplicate road " + name + " (feature #" + i + ")");
					}
					roadAliases.put(name, aliases(properties, name));
				}
				case "address" -> {
					String road = text(properties, "road");
					JsonNode number = properties.get("number");
					if (road == null || road.isBlank() || number == null || !number.canConvertToInt()
							|| number.asInt() <= 0) {
						throw fail("address " + name + " (feature #" + i + ") needs a road and a positive number");
					}
					GeoPoint point = point(feature, name, i);
					if (plates.computeIfAbsent(road, (r) -> new HashMap<>())
						.putIfAbsent(number.asInt(), point) != null) {
						throw fail("duplicate address " + road + number.asInt() + "号 (feature #" + i + ")");
					}
				}
				case "poi" -> {
					Gazetteer.Landmark landmark = new Gazetteer.Landmark(name, text(properties, "category"),
							point(feature, name, i));
					for (String spelling : aliases(properties, name)) {
						names.add(new Gazetteer.Name(PlaceText.key(spelling), landmark, false));
						// 北辰地铁 for 北辰地铁站: residents drop the last character.
						if (spelling.endsWith(METRO_SUFFIX)) {
							names.add(new Gazetteer.Name(PlaceText.key(spelling.substring(0, spelling.length() - 1)),
									landmark, false));
						}
					}
				}
				case "compound" -> {
					JsonNode buildings = properties.get("buildings");
					Gazetteer.Compound compound = new Gazetteer.Compound(name,
							(buildings != null && buildings.canConvertToInt()) ? Math.max(0, buildings.asInt()) : 0,
							point(feature, name, i));
					for (String spelling : aliases(properties, name)) {
						compoundSpellings(spelling, compound, names);
					}
				}
				default -> throw fail("feature #" + i + " (" + name + ") has unknown kind '" + kind + "'");
			}
		}
		Set<String> roadNames = new LinkedHashSet<>(roads.keySet());
		roadNames.addAll(plates.keySet());
		for (String roadName : roadNames) {
			DoorPlates doors = DoorPlates.of(plates.getOrDefault(roadName, Map.of()));
			JsonNode geometry = roads.get(roadName);
			GeoPoint middle = (geometry != null) ? middle(geometry, roadName) : doors.middle();
			Gazetteer.Road road = new Gazetteer.Road(roadName, middle, doors);
			for (String spelling : roadAliases.getOrDefault(roadName, Set.of(roadName))) {
				names.add(new Gazetteer.Name(PlaceText.key(spelling), road, false));
			}
		}
		for (GridRegistry.Entry entry : registry.units().values()) {
			GridLevel level = entry.unit().level();
			if (level == GridLevel.COMMUNITY || level == GridLevel.STREET) {
				// JTS caches a geometry's envelope on first use; filling the cache now
				// keeps later lookups from different threads read-only.
				entry.area().getEnvelopeInternal();
				Point inside = entry.area().getInteriorPoint();
				Gazetteer.Area area = new Gazetteer.Area(entry.unit().code(), entry.unit().name(),
						(level == GridLevel.COMMUNITY) ? MatchKind.COMMUNITY : MatchKind.STREET,
						new GeoPoint(inside.getX(), inside.getY()), entry.area());
				names.add(new Gazetteer.Name(PlaceText.key(entry.unit().name()), area, false));
			}
		}
		return new Gazetteer(names);
	}

	/**
	 * 金色家园 is also written 金色家园小区; 百花小区 is also written 百花, but a two-character stem is
	 * part of too many other words to count without a building number after it.
	 */
	private static void compoundSpellings(String spelling, Gazetteer.Compound compound, List<Gazetteer.Name> names) {
		names.add(new Gazetteer.Name(PlaceText.key(spelling), compound, false));
		if (spelling.endsWith(COMPOUND_SUFFIX)) {
			String stem = spelling.substring(0, spelling.length() - COMPOUND_SUFFIX.length());
			if (stem.length() >= 2) {
				names.add(new Gazetteer.Name(PlaceText.key(stem), compound, true));
			}
		}
		else {
			names.add(new Gazetteer.Name(PlaceText.key(spelling + COMPOUND_SUFFIX), compound, false));
		}
	}

	private static Set<String> aliases(JsonNode properties, String name) {
		Set<String> spellings = new LinkedHashSet<>();
		spellings.add(name);
		JsonNode aliases = properties.get("aliases");
		if (aliases != null && aliases.isArray()) {
			aliases.forEach((alias) -> {
				if (alias.isTextual() && !alias.asText().isBlank()) {
					spellings.add(alias.asText().strip());
				}
			});
		}
		return spellings;
	}

	private GeoPoint point(JsonNode feature, String name, int index) {
		JsonNode geometry = feature.path("geometry");
		if (!"Point".equals(geometry.path("type").asText())) {
			throw fail(name + " (feature #" + index + ") is not a Point");
		}
		return position(geometry.path("coordinates"), name);
	}

	private GeoPoint position(JsonNode position, String name) {
		JsonNode lon = position.path(0);
		JsonNode lat = position.path(1);
		if (!lon.isNumber() || !lat.isNumber()) {
			throw fail(name + " has position " + position + ", not [lon, lat]");
		}
		GeoPoint point = new GeoPoint(lon.doubleValue(), lat.doubleValue());
		if (!point.isFinite() || Math.abs(point.lon()) > 180 || Math.abs(point.lat()) > 90) {
			throw fail(name + " has position " + position + " outside WGS-84");
		}
		return point;
	}

	/**
	 * The point halfway along the road, on the road itself. A road drawn in several
	 * pieces is represented by its longest piece, so the point never lands in a gap.
	 */
	private GeoPoint middle(JsonNode geometry, String name) {
		List<JsonNode> parts = new ArrayList<>();
		switch (geometry.path("type").asText()) {
			case "LineString" -> parts.add(geometry.path("coordinates"));
			case "MultiLineString" -> geometry.path("coordinates").forEach(parts::add);
			default -> throw fail("road " + name + " is not a LineString");
		}
		List<GeoPoint> longest = List.of();
		double longestLength = -1;
		for (JsonNode part : parts) {
			List<GeoPoint> line = new ArrayList<>();
			part.forEach((position) -> line.add(position(position, name)));
			double length = length(line);
			if (!line.isEmpty() && length > longestLength) {
				longest = line;
				longestLength = length;
			}
		}
		if (longest.isEmpty()) {
			throw fail("road " + name + " has no coordinates");
		}
		double remaining = longestLength / 2;
		for (int i = 1; i < longest.size(); i++) {
			GeoPoint a = longest.get(i - 1);
			GeoPoint b = longest.get(i);
			double step = DoorPlates.distanceMetres(a, b);
			if (step > 0 && remaining <= step) {
				double t = remaining / step;
				return new GeoPoint(a.lon() + t * (b.lon() - a.lon()), a.lat() + t * (b.lat() - a.lat()));
			}
			remaining -= step;
		}
		return longest.get(0);
	}

	private static double length(List<GeoPoint> line) {
		double total = 0;
		for (int i = 1; i < line.size(); i++) {
			total += DoorPlates.distanceMetres(line.get(i - 1), line.get(i));
		}
		return total;
	}

	private static String text(JsonNode properties, String field) {
		JsonNode value = properties.get(field);
		return (value == null || value.isNull()) ? null : value.asText();
	}

	private IllegalStateException fail(String problem) {
		return new IllegalStateException("Gazetteer " + this.file + ": " + problem);
	}

}
