package org.gridintake.adapters.geo;

import java.nio.file.Path;
import java.time.Duration;

import org.gridintake.routes.geo.GridLocator;
import org.gridintake.routes.geo.VersionedGridLocator;

/** The grid registry as the pipeline sees it: built from the registry's GeoJSON file. */
public final class GridAdapters {

	/**
	 * Within this distance of its grid's edge, a location names the neighbouring grid
	 * too.
	 */
	public static final double DEFAULT_NEAR_EDGE_METERS = GridIndex.DEFAULT_NEAR_EDGE_METERS;

	/** How far outside the districts a point still counts as in the service area. */
	public static final double DEFAULT_SERVICE_MARGIN_METERS = GridIndex.DEFAULT_SERVICE_MARGIN_METERS;

	private GridAdapters() {
	}

	/**
	 * Loads a grid registry (a GeoJSON FeatureCollection of district, street, community
	 * and unit grid polygons), validates it and indexes its unit grids, with the default
	 * near-edge distance and service-area margin.
	 * @param geojson the registry file
	 * @return a locator that is safe to share between threads
	 * @throws IllegalStateException when the file cannot be read or is inconsistent; the
	 * message names the offending feature or code
	 */
	public static GridLocator gridLocator(Path geojson) {
		return gridLocator(geojson, DEFAULT_NEAR_EDGE_METERS, DEFAULT_SERVICE_MARGIN_METERS);
	}

	/**
	 * As {@link #gridLocator(Path)}, with explicit distances.
	 * @param geojson the registry file
	 * @param nearEdgeMeters within this distance of its grid's edge a location also names
	 * the nearest neighbouring grid
	 * @param serviceMarginMeters how far outside the districts a point is still served
	 * @return a locator that is safe to share between threads
	 * @throws IllegalStateException when the file cannot be read or is inconsistent
	 */
	public static GridLocator gridLocator(Path geojson, double nearEdgeMeters, double serviceMarginMeters) {
		return GridIndex.of(GridRegistryReader.read(geojson), nearEdgeMeters, serviceMarginMeters);
	}

	/**
	 * Loads a grid registry as {@link #gridLocator(Path)} does and keeps watching the
	 * file: when its content changes, the new registry is validated in the background and
	 * swapped in atomically, while earlier versions stay available by version string. A
	 * broken new file is logged and the previous version keeps serving.
	 * @param geojson the registry file
	 * @param checkInterval how often to look at the file's modification time and size;
	 * zero or negative for no watching ({@link VersionedGridLocator#reloadNow()} only)
	 * @return a locator that is safe to share between threads; close it to stop watching
	 * @throws IllegalStateException when the first load fails, as at startup
	 */
	public static VersionedGridLocator reloadingGridLocator(Path geojson, Duration checkInterval) {
		return new ReloadingGridLocator(geojson, checkInterval, DEFAULT_NEAR_EDGE_METERS, DEFAULT_SERVICE_MARGIN_METERS,
				ReloadingGridLocator.DEFAULT_KEPT_VERSIONS);
	}

}
