package org.gridintake.adapters.geo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.gridintake.routes.geo.GeoPoint;
import org.gridintake.routes.geo.GridChain;
import org.gridintake.routes.geo.GridLocation;
import org.gridintake.routes.geo.GridLocator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.gridintake.adapters.geo.GridTestRegistries.grid;
import static org.gridintake.adapters.geo.GridTestRegistries.lonDegrees;
import static org.gridintake.adapters.geo.GridTestRegistries.registry;

/** The neighbouring grid near an edge, and the service area around the districts. */
class GridNearEdgeTest {

	private static GridLocator sample;

	@TempDir
	Path temp;

	@BeforeAll
	static void load() {
		sample = GridAdapters.gridLocator(GridTestRegistries.sampleRegistry());
	}

	@Test
	void aFewMetresFromASharedEdgeTheNeighbourIsNamed() {
		// Start well inside a grid: round coordinates like (116.405, 39.915) can sit on a
		// corner where several grids meet.
		GeoPoint start = new GeoPoint(116.405, 39.915);
		for (int i = 1; sample.locate(start).orElseThrow().edgeDistanceMeters() < 30 && i < 100; i++) {
			start = new GeoPoint(116.405 + lonDegrees(7 * i, 39.915),
					39.915 + 5.0 * i / GridTestRegistries.METRES_PER_DEGREE);
		}
		GridLocation home = sample.locate(start).orElseThrow();
		assertThat(home.edgeDistanceMeters()).isGreaterThanOrEqualTo(30);
		// Walk east a metre at a time until the grid changes: the edge crossed is shared.
		String across = null;
		int step = 0;
		while (across == null && step < 1000) {
			step++;
			GeoPoint point = new GeoPoint(start.lon() + lonDegrees(step, start.lat()), start.lat());
			String code = sample.locate(point).orElseThrow().chain().grid().code();
			if (!code.equals(home.chain().grid().code())) {
				across = code;
			}
		}
		assertThat(across).as("a neighbouring grid east of the start").isNotNull();
		// A metre short of the crossing, the grid across is the nearest one unless a
		// corner
		// lies within that metre.
		GeoPoint nearEdge = new GeoPoint(start.lon() + lonDegrees(step - 1, start.lat()), start.lat());
		GridLocation location = sample.locate(nearEdge).orElseThrow();
		assertThat(location.chain().grid().code()).isEqualTo(home.chain().grid().code());
		assertThat(location.edgeDistanceMeters()).isLessThan(1.0);
		assertThat(location.nearEdgeAlternative().map((chain) -> chain.grid().code())).contains(across);
		assertThat(location.alternative().district()).isEqualTo(location.chain().district());
		// A few metres in, some neighbour (across, or one meeting it at a corner) is
		// still named.
		GeoPoint fewMetres = new GeoPoint(start.lon() + lonDegrees(step - 5, start.lat()), start.lat());
		GridLocation inside = sample.locate(fewMetres).orElseThrow();
		assertThat(inside.edgeDistanceMeters()).isLessThan(GridAdapters.DEFAULT_NEAR_EDGE_METERS);
		assertThat(inside.nearEdgeAlternative()).isPresent();
		assertThat(inside.alternative().grid()).isNotEqualTo(home.chain().grid());
	}

	@Test
	void farFromEveryEdgeThereIsNoAlternative() throws IOException {
		GridLocator small = GridAdapters.gridLocator(write(registry(116.005)));
		GridLocation middle = small.locate(new GeoPoint(116.0025, 40.005)).orElseThrow();
		assertThat(middle.edgeDistanceMeters()).isGreaterThan(100);
		assertThat(middle.nearEdgeAlternative()).isEmpty();
		assertThat(middle.alternative()).isNull();
	}

	@Test
	void theNearEdgeDistanceIsConfigurable() throws IOException {
		Path file = write(registry(116.005));
		GeoPoint tenMetresWest = new GeoPoint(116.005 - lonDegrees(10, 40.005), 40.005);
		GridLocation byDefault = GridAdapters.gridLocator(file).locate(tenMetresWest).orElseThrow();
		assertThat(byDefault.chain().grid().code()).isEqualTo(grid(1));
		assertThat(byDefault.edgeDistanceMeters()).isCloseTo(10.0, within(0.05));
		assertThat(byDefault.nearEdgeAlternative().map(GridChain::grid).map((g) -> g.code())).contains(grid(2));
		GridLocation strict = GridAdapters.gridLocator(file, 5.0, 0.0).locate(tenMetresWest).orElseThrow();
		assertThat(strict.nearEdgeAlternative()).isEmpty();
	}

	@Test
	void onASharedEdgeTheOtherGridIsTheAlternative() throws IOException {
		GridLocation onEdge = GridAdapters.gridLocator(write(registry(116.005)))
			.locate(new GeoPoint(116.005, 40.005))
			.orElseThrow();
		assertThat(onEdge.chain().grid().code()).isEqualTo(grid(1));
		assertThat(onEdge.alternative().grid().code()).isEqualTo(grid(2));
	}

	@Test
	void nearTheDistrictsOuterBorderThereIsNoNeighbour() throws IOException {
		GridLocation nearBorder = GridAdapters.gridLocator(write(registry(116.005)))
			.locate(new GeoPoint(116.0 + lonDegrees(5, 40.005), 40.005))
			.orElseThrow();
		assertThat(nearBorder.edgeDistanceMeters()).isCloseTo(5.0, within(0.05));
		assertThat(nearBorder.nearEdgeAlternative()).isEmpty();
	}

	@Test
	void theThreeArgumentConstructorStillMeansNoAlternative() {
		GridLocation old = new GridLocation(null, 3.0, "v1");
		assertThat(old.alternative()).isNull();
		assertThat(old.nearEdgeAlternative()).isEmpty();
	}

	@Test
	void theServiceAreaIsTheDistrictPlusAMargin() throws IOException {
		Path file = write(registry(116.005));
		GridLocator locator = GridAdapters.gridLocator(file);
		double lat = 40.005;
		assertThat(locator.inServiceArea(new GeoPoint(116.005, lat))).isTrue();
		GeoPoint hundredMetresOut = new GeoPoint(116.0 - lonDegrees(100, lat), lat);
		assertThat(locator.locate(hundredMetresOut)).isEmpty();
		assertThat(locator.inServiceArea(hundredMetresOut)).isTrue();
		assertThat(locator.inServiceArea(new GeoPoint(116.0 - lonDegrees(300, lat), lat))).isFalse();
		assertThat(locator.inServiceArea(new GeoPoint(116.005, 40.01 + 150 / GridTestRegistries.METRES_PER_DEGREE)))
			.isTrue();
		assertThat(locator.inServiceArea(new GeoPoint(116.005, 40.01 + 250 / GridTestRegistries.METRES_PER_DEGREE)))
			.isFalse();
		GridLocator noMargin = GridAdapters.gridLocator(file, 15.0, 0.0);
		assertThat(noMargin.inServiceArea(hundredMetresOut)).isFalse();
		assertThat(noMargin.inServiceArea(new GeoPoint(116.0, lat))).isTrue();
	}

	@Test
	void theSampleServiceAreaHoldsTheDistrictAndNotElsewhere() {
		assertThat(sample.inServiceArea(new GeoPoint(116.405, 39.915))).isTrue();
		assertThat(sample.inServiceArea(new GeoPoint(121.4737, 31.2304))).isFalse();
		assertThat(sample.inServiceArea(new GeoPoint(116.30, 39.915))).isFalse();
		assertThat(sample.inServiceArea(new GeoPoint(Double.NaN, 39.915))).isFalse();
	}

	private Path write(String geojson) throws IOException {
		Path file = Files.createTempFile(this.temp, "grids", ".geojson");
		Files.writeString(file, geojson, StandardCharsets.UTF_8);
		return file;
	}

}
