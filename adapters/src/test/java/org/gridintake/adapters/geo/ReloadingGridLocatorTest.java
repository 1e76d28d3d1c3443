package org.gridintake.adapters.geo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;

import org.gridintake.routes.geo.GeoPoint;
import org.gridintake.routes.geo.GridLocation;
import org.gridintake.routes.geo.VersionedGridLocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.gridintake.adapters.geo.GridTestRegistries.grid;
import static org.gridintake.adapters.geo.GridTestRegistries.registry;
import static org.gridintake.adapters.geo.GridTestRegistries.square;

class ReloadingGridLocatorTest {

	// Between the old cut (116.005) and the new one (116.003): grid 2 before the redraw,
	// grid 1 after.
	private static final GeoPoint MOVED = new GeoPoint(116.004, 40.005);

	@TempDir
	Path temp;

	@Test
	void aRedrawnRegistryIsServedAndTheOldVersionIsKept() throws IOException {
		Path file = this.temp.resolve("grids.geojson");
		Files.writeString(file, registry(116.003), StandardCharsets.UTF_8);
		try (VersionedGridLocator locator = GridAdapters.reloadingGridLocator(file, Duration.ZERO)) {
			String first = locator.currentVersion();
			GridLocation before = locator.locate(MOVED).orElseThrow();
			assertThat(before.chain().grid().code()).isEqualTo(grid(2));
			assertThat(before.registryVersion()).isEqualTo(first);

			replace(file, registry(116.005));
			locator.reloadNow();

			String second = locator.currentVersion();
			assertThat(second).isNotEqualTo(first);
			GridLocation after = locator.locate(MOVED).orElseThrow();
			assertThat(after.chain().grid().code()).isEqualTo(grid(1));
			assertThat(after.registryVersion()).isEqualTo(second);
			assertThat(locator.versions()).containsExactly(first, second);
			assertThat(locator.locate(MOVED, first).orElseThrow().chain().grid().code()).isEqualTo(grid(2));
			assertThat(locator.locate(MOVED, first).orElseThrow().registryVersion()).isEqualTo(first);
			assertThat(locator.locate(MOVED, "sha256:000000000000")).isEmpty();
		}
	}

	@Test
	void reloadingAnUnchangedFileKeepsOneVersion() throws IOException {
		Path file = this.temp.resolve("grids.geojson");
		Files.writeString(file, registry(116.005), StandardCharsets.UTF_8);
		try (VersionedGridLocator locator = GridAdapters.reloadingGridLocator(file, Duration.ZERO)) {
			locator.reloadNow();
			assertThat(locator.versions()).containsExactly(locator.currentVersion());
		}
	}

	@Test
	void aBrokenNewFileLeavesTheOldVersionServing() throws IOException {
		Path file = this.temp.resolve("grids.geojson");
		Files.writeString(file, registry(116.005), StandardCharsets.UTF_8);
		try (VersionedGridLocator locator = GridAdapters.reloadingGridLocator(file, Duration.ZERO)) {
			String version = locator.currentVersion();
			String overlapping = registry(116.005).replace(square(116.0, 40.0, 116.005, 40.01),
					square(116.0, 40.0, 116.007, 40.01));
			replace(file, overlapping);
			assertThatIllegalStateException().isThrownBy(locator::reloadNow).withMessageContaining("overlap");
			assertThat(locator.currentVersion()).isEqualTo(version);
			assertThat(locator.versions()).containsExactly(version);
			assertThat(locator.locate(MOVED).orElseThrow().chain().grid().code()).isEqualTo(grid(1));

			replace(file, "{\"type\": \"FeatureCollection\", \"features\": [");
			assertThatIllegalStateException().isThrownBy(locator::reloadNow).withMessageContaining("not valid JSON");
			assertThat(locator.currentVersion()).isEqualTo(version);
		}
	}

	@Test
	void theWatcherPicksUpAChangeInTheBackground() throws Exception {
		Path file = this.temp.resolve("grids.geojson");
		Files.writeString(file, registry(116.003), StandardCharsets.UTF_8);
		try (VersionedGridLocator locator = GridAdapters.reloadingGridLocator(file, Duration.ofMillis(50))) {
			String first = locator.currentVersion();
			replace(file, "not json at all");
			// several watch intervals pass and the broken file is still not swapped in
			await().during(Duration.ofMillis(300))
				.atMost(Duration.ofSeconds(2))
				.until(() -> locator.currentVersion().equals(first));
			replace(file, registry(116.005));
			await().atMost(Duration.ofSeconds(10)).until(() -> !locator.currentVersion().equals(first));
			assertThat(locator.locate(MOVED).orElseThrow().chain().grid().code()).isEqualTo(grid(1));
			assertThat(locator.versions()).hasSize(2);
		}
	}

	@Test
	void aBrokenFirstFileIsRefusedAtStartup() throws IOException {
		Path file = this.temp.resolve("grids.geojson");
		Files.writeString(file, "[]", StandardCharsets.UTF_8);
		assertThatIllegalStateException().isThrownBy(() -> GridAdapters.reloadingGridLocator(file, Duration.ZERO))
			.withMessageContaining("grids.geojson");
	}

	// Written aside and moved over the file, as a deployment should, and with a new
	// modification time even on file systems with coarse timestamps.
	private void replace(Path file, String content) throws IOException {
		Path next = Files.createTempFile(this.temp, "next", ".geojson");
		Files.writeString(next, content, StandardCharsets.UTF_8);
		Files.setLastModifiedTime(next, FileTime.from(Instant.now().plusSeconds(counter++)));
		Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
	}

	private int counter = 1;

}
