package org.gridintake.adapters.geo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import org.gridintake.routes.geo.GeoPoint;
import org.gridintake.routes.geo.GridLocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.gridintake.adapters.geo.GridTestRegistries.feature;
import static org.gridintake.adapters.geo.GridTestRegistries.grid;
import static org.gridintake.adapters.geo.GridTestRegistries.registry;
import static org.gridintake.adapters.geo.GridTestRegistries.square;

class GridRegistryValidationTest {

	@TempDir
	Path temp;

	@Test
	void theSampleRegistryLoadsQuickly() {
		GridAdapters.gridLocator(GridTestRegistries.sampleRegistry());
		long start = System.nanoTime();
		GridLocator locator = GridAdapters.gridLocator(GridTestRegistries.sampleRegistry());
		double seconds = (System.nanoTime() - start) / 1e9;
		System.out.printf(Locale.ROOT,
				"GridRegistryValidationTest: sample registry read, validated and indexed " + "in %.2f s%n", seconds);
		assertThat(locator.locate(new GeoPoint(116.405, 39.915))).isPresent();
		// Generous, so a loaded CI machine does not flake; a quadratic check would take
		// far longer than this.
		assertThat(seconds).isLessThan(10.0);
	}

	@Test
	void aChildOutsideItsParentIsRefused() throws IOException {
		String broken = registry(116.005).replace(square(116.005, 40.0, 116.01, 40.01),
				square(116.005, 40.0, 116.011, 40.01));
		assertRefused(broken, grid(2), "outside its parent 110199001001");
	}

	@Test
	void overlappingSiblingsAreRefused() throws IOException {
		String broken = registry(116.005).replace(square(116.0, 40.0, 116.005, 40.01),
				square(116.0, 40.0, 116.006, 40.01));
		assertRefused(broken, grid(1), grid(2), "overlap");
	}

	@Test
	void aGapBetweenSiblingsIsRefused() throws IOException {
		String broken = registry(116.005).replace(square(116.0, 40.0, 116.005, 40.01),
				square(116.0, 40.0, 116.004, 40.01));
		assertRefused(broken, "110199001001", "not covered by its children", "gap");
	}

	@Test
	void aMissingChildIsAGap() throws IOException {
		String broken = registry(116.003, 116.006).replace(
				", " + feature(grid(2), "测试社区第2网格", "grid", "110199001001", square(116.003, 40.0, 116.006, 40.01)), "");
		assertRefused(broken, "110199001001", "gap");
	}

	@Test
	void aParentWithoutChildrenIsRefused() throws IOException {
		// The district doubles eastwards; its second street has no community.
		String twoStreets = registry(116.005).replace(
				feature("110199", "测试区", "district", null, square(116.0, 40.0, 116.01, 40.01)),
				feature("110199", "测试区", "district", null, square(116.0, 40.0, 116.02, 40.01)) + ", "
						+ feature("110199002", "空街道", "street", "110199", square(116.01, 40.0, 116.02, 40.01)));
		assertRefused(twoStreets, "110199002", "no children");
	}

	@Test
	void centimetreSliversFromRoundingAreTolerated() throws IOException {
		// One centimetre of overlap along a 1.1 km edge is about 9 m², but it is far
		// narrower than any GPS fix can resolve.
		String sliver = registry(116.005).replace(square(116.0, 40.0, 116.005, 40.01),
				square(116.0, 40.0, 116.0050001, 40.01));
		GridLocator locator = GridAdapters.gridLocator(write(sliver));
		assertThat(locator.locate(new GeoPoint(116.0075, 40.005))).isPresent();
		String gap = registry(116.005).replace(square(116.0, 40.0, 116.005, 40.01),
				square(116.0, 40.0, 116.0049999, 40.01));
		assertThat(GridAdapters.gridLocator(write(gap)).locate(new GeoPoint(116.0025, 40.005))).isPresent();
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

}
