package org.gridintake.routes.routing;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The case categories a city handles. */
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

}
