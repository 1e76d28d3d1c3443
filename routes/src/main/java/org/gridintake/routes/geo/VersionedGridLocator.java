package org.gridintake.routes.geo;

import java.util.List;
import java.util.Optional;

/**
 * A grid locator whose registry can be redrawn while the gateway runs. Lookups without a
 * version use the newest registry; earlier versions stay available so that a case located
 * under one can be looked at again as it was drawn then.
 */
public interface VersionedGridLocator extends GridLocator, AutoCloseable {

	/** The version that {@link #locate(GeoPoint)} uses now. */
	String currentVersion();

	/** Every version held in memory, oldest first; the last is the current one. */
	List<String> versions();

	/**
	 * Locates the point under a given registry version.
	 * @return empty when the point lies outside every grid of that version, or when that
	 * version is not (or no longer) held; {@link #versions()} tells the two apart
	 */
	Optional<GridLocation> locate(GeoPoint wgs84, String version);

	/**
	 * Reads the registry file now and, when its content changed and it passes validation,
	 * makes it the current version.
	 * @throws IllegalStateException when the file cannot be read or is refused; the
	 * previous version keeps serving
	 */
	void reloadNow();

	/** Stops watching the file; lookups keep working on the versions held. */
	@Override
	void close();

}
