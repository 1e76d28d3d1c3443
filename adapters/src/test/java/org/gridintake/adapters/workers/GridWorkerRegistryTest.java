package org.gridintake.adapters.workers;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.gridintake.adapters.geo.GridAdapters;
import org.gridintake.routes.field.GridWorker;
import org.gridintake.routes.field.GridWorkers;
import org.gridintake.routes.geo.GeoPoint;
import org.gridintake.routes.geo.GridLevel;
import org.gridintake.routes.geo.GridLocation;
import org.gridintake.routes.geo.GridLocator;
import org.gridintake.routes.geo.GridUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class GridWorkerRegistryTest {

	/** Just the units the entries below name. */
	private static final GridLocator GRIDS = new GridLocator() {

		private final Map<String, GridUnit> units = Map.of("110199007003",
				new GridUnit("110199007003", "金台社区", GridLevel.COMMUNITY), "110199007",
				new GridUnit("110199007", "金台街道", GridLevel.STREET));

		@Override
		public Optional<GridLocation> locate(GeoPoint wgs84) {
			return Optional.empty();
		}

		@Override
		public Optional<GridUnit> unit(String code) {
			return Optional.ofNullable(this.units.get(code));
		}

	};

	@TempDir
	Path temp;

	@Test
	void theSampleRegistryMatchesTheSampleGrids() {
		Path config = configDir();
		GridWorkers workers = GridWorkerAdapters.registry(config.resolve("grid-workers.json"),
				GridAdapters.gridLocator(config.resolve("grids.geojson")));
		GridWorker worker = workers.find("GW0070032").orElseThrow();
		assertThat(worker.community().code()).isEqualTo("110199007003");
		assertThat(worker.community().level()).isEqualTo(GridLevel.COMMUNITY);
		assertThat(workers.find("GW0010012").orElseThrow().community().code()).isEqualTo("110199001001");
		assertThat(workers.find("GW9999999")).isEmpty();
		assertThat(workers.find(null)).isEmpty();
	}

	@Test
	void anEntryMayGiveTheWorkersName() throws IOException {
		GridWorkers workers = read("""
				[{"id": "GW0070032", "community": "110199007003", "name": "张三"},
				 {"id": "GW0070033", "community": "110199007003"}]""");
		assertThat(workers.find("GW0070032").orElseThrow().name()).isEqualTo("张三");
		assertThat(workers.find("GW0070033").orElseThrow().name()).isNull();
	}

	@Test
	void aCommunityMissingFromTheGridRegistryStopsStartUpNamingTheEntry() {
		assertRefused("""
				[{"id": "GW0070032", "community": "110199007003"},
				 {"id": "GW0090011", "community": "110199009001"}]""", "entry #1 (GW0090011)", "110199009001",
				"not in the grid registry");
		assertRefused("""
				[{"id": "GW0070032", "community": "110199007"}]""", "entry #0 (GW0070032)",
				"110199007 is a street (金台街道), not a community");
		assertRefused("""
				[{"id": "GW0070032"}]""", "entry #0 (GW0070032) names no community");
	}

	@Test
	void idsAreUniqueAndSafeToPutInAReference() {
		assertRefused("""
				[{"id": "GW0070032", "community": "110199007003"},
				 {"id": "GW0070032", "community": "110199007003"}]""", "entry #1", "GW0070032 again");
		assertRefused("""
				[{"id": "GW:0070032", "community": "110199007003"}]""", "entry #0", "1 to 64 letters");
		assertRefused("""
				[{"community": "110199007003"}]""", "entry #0", "needs an id");
	}

	@Test
	void theFileMustBeAListOfKnownFields() {
		assertRefused("{\"GW0070032\": \"110199007003\"}", "expected a JSON list");
		assertRefused("[]", "lists no grid worker");
		assertRefused("[\"GW0070032\"]", "entry #0 is not a JSON object");
		assertRefused("""
				[{"id": "GW0070032", "community": "110199007003", "phone": "13800138000"}]""", "entry #0",
				"unknown field 'phone'");
		assertRefused("""
				[{"id": "GW0070032", "community": "110199007003", "name": 7}]""", "entry #0 (GW0070032)",
				"name must be text");
		assertThatIllegalStateException()
			.isThrownBy(() -> GridWorkerAdapters.registry(this.temp.resolve("missing.json"), GRIDS))
			.withMessageContaining("missing.json");
	}

	private GridWorkers read(String json) throws IOException {
		Path file = this.temp.resolve("grid-workers.json");
		Files.writeString(file, json, StandardCharsets.UTF_8);
		return GridWorkerAdapters.registry(file, GRIDS);
	}

	private void assertRefused(String json, String... messageParts) {
		assertThatIllegalStateException().isThrownBy(() -> read(json))
			.withMessageContaining("grid-workers.json")
			.withMessageContainingAll(messageParts);
	}

	private static Path configDir() {
		String configDir = System.getProperty("gateway.config-dir");
		return (configDir != null && !configDir.isBlank()) ? Path.of(configDir) : Path.of("..", "config");
	}

}
