package org.gridintake.gateway.config;

import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import org.gridintake.adapters.geo.GridAdapters;
import org.gridintake.routes.geo.GridLocator;
import org.gridintake.routes.routing.Taxonomy;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * A config directory describes one city: settings left over from another city's (its
 * district, its category codes) stop start-up naming the file to fix, instead of sending
 * unlocated cases to a triage that does not exist or applying a radius to nothing.
 */
class CityDataTest {

	private static final Path SAMPLE = Path.of(System.getProperty("gateway.config-dir", "../config"));

	private static final GridLocator SAMPLE_GRIDS = GridAdapters.gridLocator(SAMPLE.resolve("grids.geojson"));

	private static final Taxonomy SAMPLE_TAXONOMY = CityData.taxonomy(SAMPLE, new ObjectMapper());

	@Test
	void theServiceDistrictMustBeADistrictOfTheCitysGrids() {
		assertThatCode(() -> CityData.requireDistrict("110199", SAMPLE_GRIDS, SAMPLE)).doesNotThrowAnyException();
		assertThatIllegalStateException().isThrownBy(() -> CityData.requireDistrict("330199", SAMPLE_GRIDS, SAMPLE))
			.withMessageContaining("gateway.service-district 330199 is not a district of")
			.withMessageContaining("grids.geojson")
			.withMessageContaining("city.yaml");
		// a street of the city is no district
		assertThatIllegalStateException().isThrownBy(() -> CityData.requireDistrict("110199001", SAMPLE_GRIDS, SAMPLE))
			.withMessageContaining("110199001");
	}

	@Test
	void settingsKeyedByCategoryMustNameTheCitysCategories() {
		assertThatCode(() -> CityData.requireCategories("gateway.service-levels.by-category",
				List.of("1105", "1105/street"), SAMPLE_TAXONOMY, SAMPLE))
			.doesNotThrowAnyException();
		assertThatIllegalStateException()
			.isThrownBy(() -> CityData.requireCategories("gateway.merge.radius-by-category", List.of("1105", "HJ02"),
					SAMPLE_TAXONOMY, SAMPLE))
			.withMessageStartingWith("gateway.merge.radius-by-category: HJ02 is not a category of")
			.withMessageEndingWith("categories.json");
		assertThatIllegalStateException()
			.isThrownBy(() -> CityData.requireCategories("gateway.service-levels.by-category", List.of("HJ02/street"),
					SAMPLE_TAXONOMY, SAMPLE))
			.withMessageContaining("HJ02 is not a category");
	}

}
