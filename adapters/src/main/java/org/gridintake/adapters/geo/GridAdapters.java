package org.gridintake.adapters.geo;

import java.nio.file.Path;

import org.gridintake.routes.geo.GridLocator;

/** The grid registry as the pipeline sees it: built from the registry's GeoJSON file. */
public final class GridAdapters {

	private GridAdapters() {
	}

	/**
	 * Loads a grid registry (a GeoJSON FeatureCollection of district, street, community
	 * and unit grid polygons) and indexes its unit grids.
	 * @param geojson the registry file
	 * @return a locator that is safe to share between threads
	 * @throws IllegalStateException when the file cannot be read or is inconsistent; the
	 * message names the offending feature or code
	 */
	public static GridLocator gridLocator(Path geojson) {
		return GridIndex.of(GridRegistryReader.read(geojson));
	}

}
