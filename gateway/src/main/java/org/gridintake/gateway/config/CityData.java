package org.gridintake.gateway.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.gridintake.routes.geo.GridLevel;
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

	private static String text(JsonNode node, String field, Path file) {
		JsonNode value = node.get(field);
		if (value == null || !value.isTextual() || value.asText().isBlank()) {
			throw new IllegalStateException(file + ": a category lacks '" + field + "': " + node);
		}
		return value.asText();
	}

}
