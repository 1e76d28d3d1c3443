package org.gridintake.adapters.geo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.gridintake.routes.geo.CoordinateTransform;
import org.gridintake.routes.geo.Crs;
import org.gridintake.routes.geo.GeoPoint;
import org.gridintake.routes.geo.GridChain;
import org.gridintake.routes.geo.GridLevel;
import org.gridintake.routes.geo.GridLocation;
import org.gridintake.routes.geo.GridLocator;
import org.gridintake.routes.geo.GridUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.within;

class GridLocatorTest {

	private static final double METRES_PER_DEGREE = 6_371_008.8 * Math.PI / 180.0;

	private static final ObjectMapper JSON = new ObjectMapper();

	private static GridLocator locator;

	@TempDir
	Path temp;

	@BeforeAll
	static void loadRegistry() {
		locator = GridAdapters.gridLocator(registryFile());
	}

	static Path registryFile() {
		String configDir = System.getProperty("gateway.config-dir");
		Path dir = (configDir != null && !configDir.isBlank()) ? Path.of(configDir) : Path.of("..", "config");
		return dir.resolve("grids.geojson");
	}

	@Test
	void mapAndGpsReportsLandInTheirReferenceGrid() throws IOException {
		List<JsonNode> reports = coordinateReports();
		assertThat(reports).hasSizeGreaterThan(300);
		int matched = 0;
		List<String> misses = new ArrayList<>();
		for (JsonNode report : reports) {
			JsonNode location = report.get("location");
			Crs crs = Crs.fromCode(location.get("crs").asText()).orElseThrow();
			GeoPoint wgs84 = CoordinateTransform
				.toWgs84(new GeoPoint(location.get("lon").asDouble(), location.get("lat").asDouble()), crs);
			String expected = report.get("truth").get("reference_grid").asText();
			Optional<GridLocation> found = locator.locate(wgs84);
			String actual = found.map((l) -> l.chain().grid().code()).orElse(null);
			if (expected.equals(actual)) {
				matched++;
			}
			else {
				misses.add(report.get("id").asText() + " (" + crs.code() + "): expected " + expected + ", got " + actual
						+ found.map((l) -> String.format(Locale.ROOT, " %.1f m from its edge", l.edgeDistanceMeters()))
							.orElse(""));
			}
		}
		double share = 100.0 * matched / reports.size();
		System.out.printf(Locale.ROOT,
				"GridLocatorTest: %d of %d portal/field reports in their reference grid (%.2f%%)%n", matched,
				reports.size(), share);
		misses.forEach((miss) -> System.out.println("  miss " + miss));
		assertThat(share).isGreaterThanOrEqualTo(99.5);
	}

	@Test
	void chainIsGridCommunityStreetDistrictWithNames() throws IOException {
		for (JsonNode report : coordinateReports()) {
			JsonNode truth = report.get("truth");
			GeoPoint wgs84 = new GeoPoint(truth.get("lon").asDouble(), truth.get("lat").asDouble());
			GridChain chain = locator.locate(wgs84).orElseThrow().chain();
			String grid = chain.grid().code();
			assertThat(grid).hasSize(15);
			assertThat(chain.community().code()).isEqualTo(grid.substring(0, 12));
			assertThat(chain.street().code()).isEqualTo(grid.substring(0, 9));
			assertThat(chain.district().code()).isEqualTo(grid.substring(0, 6));
			assertThat(chain.at(GridLevel.GRID).level()).isEqualTo(GridLevel.GRID);
			assertThat(chain.at(GridLevel.COMMUNITY).level()).isEqualTo(GridLevel.COMMUNITY);
			assertThat(chain.at(GridLevel.STREET).level()).isEqualTo(GridLevel.STREET);
			assertThat(chain.at(GridLevel.DISTRICT).level()).isEqualTo(GridLevel.DISTRICT);
			assertThat(chain.grid().name()).startsWith(chain.community().name()).endsWith("网格");
			assertThat(chain.street().name()).endsWith("街道");
		}
	}

	@Test
	void locationCarriesEdgeDistanceAndRegistryVersion() {
		GridLocation location = locator.locate(new GeoPoint(116.405, 39.915)).orElseThrow();
		assertThat(location.edgeDistanceMeters()).isBetween(0.0, 150.0);
		assertThat(location.registryVersion()).matches("sha256:[0-9a-f]{12}");
		assertThat(GridAdapters.gridLocator(registryFile())
			.locate(new GeoPoint(116.405, 39.915))
			.orElseThrow()
			.registryVersion()).isEqualTo(location.registryVersion());
	}

	@Test
	void pointsOutsideEveryGridAreNotLocated() {
		assertThat(locator.locate(new GeoPoint(121.4737, 31.2304))).isEmpty();
		assertThat(locator.locate(new GeoPoint(116.30, 39.915))).isEmpty();
		assertThat(locator.locate(new GeoPoint(0, 0))).isEmpty();
		assertThat(locator.locate(new GeoPoint(Double.NaN, 39.915))).isEmpty();
	}

	@Test
	void unitsOfEveryLevelAreFoundByCode() {
		assertThat(locator.unit("110199")).contains(new GridUnit("110199", "青河区", GridLevel.DISTRICT));
		assertThat(locator.unit("110199001")).hasValueSatisfying((u) -> {
			assertThat(u.level()).isEqualTo(GridLevel.STREET);
			assertThat(u.name()).isEqualTo("东华街道");
		});
		assertThat(locator.unit("110199001001").map(GridUnit::level)).contains(GridLevel.COMMUNITY);
		assertThat(locator.unit("110199001001001").map(GridUnit::name)).contains("友谊社区第1网格");
		assertThat(locator.unit("999999")).isEmpty();
		assertThat(locator.unit(null)).isEmpty();
	}

	@Test
	void edgeDistanceIsMeasuredInMetres() throws IOException {
		GridLocator small = GridAdapters.gridLocator(write(smallRegistry()));
		double lat = 40.005;
		double tenMetres = 10.0 / (METRES_PER_DEGREE * Math.cos(Math.toRadians(lat)));
		GridLocation nearWest = small.locate(new GeoPoint(116.0 + tenMetres, lat)).orElseThrow();
		assertThat(nearWest.chain().grid().code()).isEqualTo("110199001001001");
		assertThat(nearWest.edgeDistanceMeters()).isCloseTo(10.0, within(0.05));
		GridLocation nearShared = small.locate(new GeoPoint(116.005 + tenMetres / 2, lat)).orElseThrow();
		assertThat(nearShared.chain().grid().code()).isEqualTo("110199001001002");
		assertThat(nearShared.edgeDistanceMeters()).isCloseTo(5.0, within(0.05));
		GridLocation onShared = small.locate(new GeoPoint(116.005, lat)).orElseThrow();
		assertThat(onShared.chain().grid().code()).isEqualTo("110199001001001");
		assertThat(onShared.edgeDistanceMeters()).isZero();
	}

	@Test
	void aConsistentSmallRegistryLoads() throws IOException {
		GridLocator small = GridAdapters.gridLocator(write(smallRegistry()));
		assertThat(small.unit("110199001001002").map(GridUnit::name)).contains("测试社区第2网格");
	}

	@Test
	void centimetreSpikesFromCoordinateRoundingAreDropped() throws IOException {
		String spiked = "[[[116.005, 40.0], [116.01, 40.0], [116.0100001, 40.0], [116.01, 40.0], [116.01, 40.01], "
				+ "[116.01, 40.01], [116.005, 40.01], [116.005, 40.0]]]";
		GridLocator small = GridAdapters
			.gridLocator(write(smallRegistry().replace(square(116.005, 40.0, 116.01, 40.01), spiked)));
		GridLocation location = small.locate(new GeoPoint(116.0075, 40.005)).orElseThrow();
		assertThat(location.chain().grid().code()).isEqualTo("110199001001002");
		assertThat(location.edgeDistanceMeters())
			.isCloseTo(0.0025 * Math.cos(Math.toRadians(40.005)) * METRES_PER_DEGREE, within(0.05));
	}

	@Test
	void unknownParentIsRefused() throws IOException {
		String broken = smallRegistry().replace("\"parent\": \"110199001001\", \"x\": 2",
				"\"parent\": \"110199001009\", \"x\": 2");
		assertRefused(broken, "110199001001002", "110199001009");
	}

	@Test
	void duplicateCodeIsRefused() throws IOException {
		String broken = smallRegistry().replace("\"code\": \"110199001001002\"", "\"code\": \"110199001001001\"");
		assertRefused(broken, "duplicate", "110199001001001");
	}

	@Test
	void childCodeNotExtendingItsParentIsRefused() throws IOException {
		String broken = smallRegistry().replace("\"code\": \"110199001001002\"", "\"code\": \"110199002001002\"");
		assertRefused(broken, "110199002001002", "110199001001");
	}

	@Test
	void unknownLevelIsRefused() throws IOException {
		String broken = smallRegistry().replace("\"level\": \"grid\", \"parent\": \"110199001001\", \"x\": 2",
				"\"level\": \"block\", \"parent\": \"110199001001\", \"x\": 2");
		assertRefused(broken, "110199001001002", "block");
	}

	@Test
	void parentAtTheWrongLevelIsRefused() throws IOException {
		String broken = smallRegistry().replace("\"parent\": \"110199001001\", \"x\": 2",
				"\"parent\": \"110199001\", \"x\": 2");
		assertRefused(broken, "110199001001002", "expected community");
	}

	@Test
	void invalidPolygonIsRefused() throws IOException {
		String bowTie = "[[[116.005, 40.0], [116.01, 40.01], [116.01, 40.0], [116.005, 40.01], [116.005, 40.0]]]";
		String broken = smallRegistry().replace(square(116.005, 40.0, 116.01, 40.01), bowTie);
		assertRefused(broken, "110199001001002", "invalid polygon");
		String open = "[[[116.005, 40.0], [116.01, 40.0], [116.01, 40.01], [116.005, 40.01]]]";
		assertRefused(smallRegistry().replace(square(116.005, 40.0, 116.01, 40.01), open), "110199001001002",
				"invalid polygon");
	}

	@Test
	void unreadableFileIsRefused() throws IOException {
		assertThatIllegalStateException().isThrownBy(() -> GridAdapters.gridLocator(this.temp.resolve("missing.json")))
			.withMessageContaining("missing.json");
		assertRefused("{\"type\": \"FeatureCollection\", \"features\": [", "not valid JSON");
	}

	private void assertRefused(String geojson, String... fragments) throws IOException {
		Path file = write(geojson);
		assertThatIllegalStateException().isThrownBy(() -> GridAdapters.gridLocator(file))
			.withMessageContainingAll(fragments);
	}

	private Path write(String geojson) throws IOException {
		Path file = Files.createTempFile(this.temp, "grids", ".geojson");
		Files.writeString(file, geojson, StandardCharsets.UTF_8);
		return file;
	}

	/** One district, street and community, halved into two unit grids. */
	private static String smallRegistry() {
		String whole = square(116.0, 40.0, 116.01, 40.01);
		return "{\"type\": \"FeatureCollection\", \"features\": ["
				+ feature("110199", "测试区", "district", null, whole, 0) + ", "
				+ feature("110199001", "测试街道", "street", "110199", whole, 0) + ", "
				+ feature("110199001001", "测试社区", "community", "110199001", whole, 0) + ", "
				+ feature("110199001001001", "测试社区第1网格", "grid", "110199001001", square(116.0, 40.0, 116.005, 40.01), 1)
				+ ", " + feature("110199001001002", "测试社区第2网格", "grid", "110199001001",
						square(116.005, 40.0, 116.01, 40.01), 2)
				+ "]}";
	}

	// The extra property "x" only makes each feature's text unique, so a test can alter
	// exactly one of them with a plain string replacement.
	private static String feature(String code, String name, String level, String parent, String rings, int x) {
		String parentJson = (parent != null) ? "\"" + parent + "\"" : "null";
		return "{\"type\": \"Feature\", \"geometry\": {\"type\": \"Polygon\", \"coordinates\": " + rings
				+ "}, \"properties\": {\"code\": \"" + code + "\", \"name\": \"" + name + "\", \"level\": \"" + level
				+ "\", \"parent\": " + parentJson + ", \"x\": " + x + "}}";
	}

	private static String square(double west, double south, double east, double north) {
		return String.format(Locale.ROOT, "[[[%s, %s], [%s, %s], [%s, %s], [%s, %s], [%s, %s]]]", west, south, east,
				south, east, north, west, north, west, south);
	}

	private static List<JsonNode> coordinateReports() throws IOException {
		return SampleReports.ofChannels("portal", "field");
	}

}
