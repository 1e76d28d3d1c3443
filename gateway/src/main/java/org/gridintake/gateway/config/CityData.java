package org.gridintake.gateway.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.gridintake.routes.dedup.LabelledText;
import org.gridintake.routes.geo.GridLevel;
import org.gridintake.routes.geo.GridLocator;
import org.gridintake.routes.routing.Category;
import org.gridintake.routes.routing.Taxonomy;

/**
 * Reads the city's data files from the config directory, naming the file on any error.
 */
final class CityData {

	private CityData() {
	}

	static Taxonomy taxonomy(Path configDir, ObjectMapper json) {
		Path file = configDir.resolve("categories.json");
		try {
			JsonNode root = json.readTree(Files.readAllBytes(file));
			if (root == null || !root.isArray()) {
				throw new IllegalStateException(file + ": expected a JSON list of categories");
			}
			List<Category> categories = new java.util.ArrayList<>();
			for (JsonNode node : root) {
				categories
					.add(new Category(text(node, "code", file), text(node, "name", file), text(node, "kind", file),
							GridLevel.fromCode(text(node, "level", file)), json.convertValue(node.path("keywords"),
									json.getTypeFactory().constructCollectionType(List.class, String.class))));
			}
			return new Taxonomy(categories);
		}
		catch (IOException ex) {
			throw new IllegalStateException("cannot read the taxonomy " + file + ": " + ex.getMessage(), ex);
		}
	}

	/**
	 * Labelled past reports, one JSON object a line; a line naming a category the
	 * taxonomy lacks stops start-up, as it would teach the classifier a code routing
	 * cannot use.
	 */
	static List<LabelledText> history(Path file, Taxonomy taxonomy, ObjectMapper json) {
		List<LabelledText> history = new java.util.ArrayList<>();
		try {
			List<String> lines = Files.readAllLines(file, java.nio.charset.StandardCharsets.UTF_8);
			for (int i = 0; i < lines.size(); i++) {
				if (lines.get(i).isBlank()) {
					continue;
				}
				JsonNode node = json.readTree(lines.get(i));
				String where = file + " line " + (i + 1);
				String category = text(node, "category", Path.of(where));
				if (taxonomy.find(category).isEmpty()) {
					throw new IllegalStateException(where + ": category " + category + " is not in the taxonomy");
				}
				history.add(new LabelledText(text(node, "text", Path.of(where)), category));
			}
			return history;
		}
		catch (IOException ex) {
			throw new IllegalStateException("cannot read the classifier history " + file + ": " + ex.getMessage(), ex);
		}
	}

	/**
	 * The service district comes with the city's files (city.yaml): one left over from
	 * another city would send every unlocated case to a triage that does not exist.
	 */
	static void requireDistrict(String code, GridLocator grids, Path configDir) {
		boolean district = grids.unit(code).map((unit) -> unit.level() == GridLevel.DISTRICT).orElse(false);
		if (!district) {
			throw new IllegalStateException("gateway.service-district " + code + " is not a district of "
					+ configDir.resolve("grids.geojson") + "; set the city's own in " + configDir.resolve("city.yaml"));
		}
	}

	/**
	 * Settings keyed by category code (merge radii and windows, service levels) must name
	 * categories of this city's taxonomy: a code from another city's would silently apply
	 * to nothing, or to a different category that happens to share the code.
	 * @param keys the codes, or {@code <code>/<level>} keys of which the code is checked
	 */
	static void requireCategories(String property, java.util.Collection<String> keys, Taxonomy taxonomy,
			Path configDir) {
		for (String key : keys) {
			String code = (key.indexOf('/') >= 0) ? key.substring(0, key.indexOf('/')) : key;
			if (taxonomy.find(code).isEmpty()) {
				throw new IllegalStateException(
						property + ": " + code + " is not a category of " + configDir.resolve("categories.json"));
			}
		}
	}

	private static String text(JsonNode node, String field, Path file) {
		JsonNode value = node.get(field);
		if (value == null || !value.isTextual() || value.asText().isBlank()) {
			throw new IllegalStateException(file + ": a category lacks '" + field + "': " + node);
		}
		return value.asText();
	}

}
