package org.gridintake.adapters.geo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;

import org.gridintake.adapters.files.FileChecks;
import org.gridintake.routes.geo.GeoPoint;
import org.gridintake.routes.geo.GridLocation;
import org.gridintake.routes.geo.GridLocator;
import org.gridintake.routes.geo.GridUnit;
import org.gridintake.routes.geo.VersionedGridLocator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the newest valid drawing of the grid registry and keeps earlier ones. Each
 * version is an immutable {@link GridIndex}; swapping the current one is a single
 * volatile write, so a lookup never sees a half-built index and never waits for a reload.
 */
final class ReloadingGridLocator implements VersionedGridLocator {

	/**
	 * Enough for every case still open across several redraws, small enough for memory.
	 */
	static final int DEFAULT_KEPT_VERSIONS = 8;

	private static final Logger log = LoggerFactory.getLogger(ReloadingGridLocator.class);

	private final Path file;

	private final double nearEdgeMeters;

	private final double serviceMarginMeters;

	private final int keptVersions;

	// Guarded by this; read by lookups only through the snapshot below.
	private final LinkedHashMap<String, Loaded> versions = new LinkedHashMap<>();

	private volatile Snapshot snapshot;

	// What the watcher last looked at, so an unchanged or already refused file is not
	// parsed (or logged) again at every check.
	private FileStamp lastStamp;

	private String lastRefusedVersion;

	private final ScheduledExecutorService watcher;

	ReloadingGridLocator(Path file, Duration checkInterval, double nearEdgeMeters, double serviceMarginMeters,
			int keptVersions) {
		this.file = file;
		this.nearEdgeMeters = nearEdgeMeters;
		this.serviceMarginMeters = serviceMarginMeters;
		this.keptVersions = Math.max(1, keptVersions);
		reloadNow();
		this.watcher = FileChecks.every(checkInterval, "grid-registry-watcher", this::check);
	}

	@Override
	public Optional<GridLocation> locate(GeoPoint wgs84) {
		return this.snapshot.current().locate(wgs84);
	}

	@Override
	public Optional<GridLocation> locate(GeoPoint wgs84, String version) {
		GridLocator index = this.snapshot.byVersion().get(version);
		return (index != null) ? index.locate(wgs84) : Optional.empty();
	}

	@Override
	public Optional<GridUnit> unit(String code) {
		return this.snapshot.current().unit(code);
	}

	@Override
	public boolean inServiceArea(GeoPoint wgs84) {
		return this.snapshot.current().inServiceArea(wgs84);
	}

	@Override
	public String currentVersion() {
		return this.snapshot.current().version();
	}

	/**
	 * The validated registry of the version now serving, for readers that need its areas'
	 * names.
	 */
	GridRegistry currentRegistry() {
		return this.snapshot.registry();
	}

	@Override
	public List<String> versions() {
		return this.snapshot.order();
	}

	@Override
	public synchronized void reloadNow() {
		FileStamp stamp = FileStamp.of(this.file);
		byte[] content;
		try {
			content = Files.readAllBytes(this.file);
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot read grid registry " + this.file + ": " + ex.getMessage(), ex);
		}
		this.lastStamp = stamp;
		String version = GridRegistryReader.version(content);
		if (this.snapshot != null && version.equals(currentVersion())) {
			return;
		}
		Loaded loaded;
		try {
			loaded = this.versions.containsKey(version) ? this.versions.get(version) : Loaded
				.of(GridRegistryReader.read(this.file, content), this.nearEdgeMeters, this.serviceMarginMeters);
		}
		catch (IllegalStateException ex) {
			this.lastRefusedVersion = version;
			throw ex;
		}
		// Re-inserting moves a version that comes back (a rolled-back redraw) to the end,
		// so the oldest dropped is really the least recently current.
		this.versions.remove(version);
		this.versions.put(version, loaded);
		while (this.versions.size() > this.keptVersions) {
			this.versions.remove(this.versions.keySet().iterator().next());
		}
		Map<String, GridIndex> byVersion = new LinkedHashMap<>();
		this.versions.forEach((held, load) -> byVersion.put(held, load.index()));
		this.snapshot = new Snapshot(loaded.index(), loaded.registry(), Map.copyOf(byVersion),
				List.copyOf(this.versions.keySet()));
		this.lastRefusedVersion = null;
		log.info("Grid registry {} is now version {} ({} version(s) held)", this.file, version, this.versions.size());
	}

	private synchronized void check() {
		try {
			FileStamp stamp = FileStamp.of(this.file);
			if (stamp.equals(this.lastStamp)) {
				return;
			}
			byte[] content = Files.readAllBytes(this.file);
			String version = GridRegistryReader.version(content);
			if (version.equals(currentVersion()) || version.equals(this.lastRefusedVersion)) {
				this.lastStamp = stamp;
				return;
			}
			reloadNow();
		}
		catch (RuntimeException | IOException ex) {
			// The watcher must outlive a bad file: the next edit may fix it.
			log.error("Grid registry {} was not reloaded; version {} keeps serving: {}", this.file, currentVersion(),
					ex.getMessage());
		}
	}

	@Override
	public void close() {
		if (this.watcher != null) {
			this.watcher.shutdownNow();
		}
	}

	/** What lookups read: replaced whole, never changed. */
	private record Snapshot(GridIndex current, GridRegistry registry, Map<String, GridIndex> byVersion,
			List<String> order) {
	}

	/** A version as read: its index, and the validated registry it was built from. */
	private record Loaded(GridIndex index, GridRegistry registry) {

		static Loaded of(GridRegistry registry, double nearEdgeMeters, double serviceMarginMeters) {
			return new Loaded(GridIndex.of(registry, nearEdgeMeters, serviceMarginMeters), registry);
		}

	}

	/**
	 * Modification time and size: cheap to read at every check, and changed by any edit.
	 */
	private record FileStamp(long modifiedMillis, long size) {

		static FileStamp of(Path file) {
			try {
				BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
				return new FileStamp(attributes.lastModifiedTime().toMillis(), attributes.size());
			}
			catch (IOException ex) {
				return new FileStamp(-1, -1);
			}
		}

	}

}
