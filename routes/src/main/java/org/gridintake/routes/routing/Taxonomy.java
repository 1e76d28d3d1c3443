package org.gridintake.routes.routing;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The case categories a city handles, and a first guess at a category from words. */
public class Taxonomy {

	private final Map<String, Category> byCode = new LinkedHashMap<>();

	public Taxonomy(List<Category> categories) {
		for (Category category : categories) {
			if (this.byCode.putIfAbsent(category.code(), category) != null) {
				throw new IllegalArgumentException("taxonomy lists category " + category.code() + " twice");
			}
		}
	}

	public List<Category> all() {
		return List.copyOf(this.byCode.values());
	}

	public Optional<Category> find(String code) {
		return Optional.ofNullable(code).map(this.byCode::get);
	}

	/**
	 * The category whose keywords cover most of the text (longer keywords count more, so
	 * 垃圾桶 beats 垃圾); empty when no keyword occurs. A learned classifier replaces this
	 * once there is labelled history.
	 */
	public Optional<Category> guess(String text) {
		if (text == null || text.isBlank()) {
			return Optional.empty();
		}
		return this.byCode.values()
			.stream()
			.map((category) -> Map.entry(category, keywordScore(category, text)))
			.filter((scored) -> scored.getValue() > 0)
			.max(Comparator.comparingInt(Map.Entry::getValue))
			.map(Map.Entry::getKey);
	}

	private static int keywordScore(Category category, String text) {
		return category.keywords().stream().filter(text::contains).mapToInt(String::length).sum();
	}

}
