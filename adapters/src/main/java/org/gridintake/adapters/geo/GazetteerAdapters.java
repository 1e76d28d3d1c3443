package org.gridintake.adapters.geo;

import java.nio.file.Path;

import org.gridintake.routes.geo.PlaceGeocoder;
import org.gridintake.routes.geo.VersionedGridLocator;

/** Finding places named in free text: built from the gazetteer and the grid registry. */
public final class GazetteerAdapters {

	private GazetteerAdapters() {
	}

	/**
	 * Loads the gazetteer (roads, door plates, landmarks, compounds) and the grid
	 * registry's communities and streets, and indexes every name and alias.
	 * @param placesGeojson the gazetteer file
	 * @param gridsGeojson the grid registry file, for community and street names
	 * @return a geocoder that is safe to share between threads
	 * @throws IllegalStateException when either file cannot be read or is inconsistent;
	 * the message names the file and the offending feature
	 */
	public static PlaceGeocoder placeGeocoder(Path placesGeojson, Path gridsGeojson) {
		GridRegistry registry = GridRegistryReader.read(gridsGeojson);
		return new GazetteerGeocoder(GazetteerReader.read(placesGeojson, registry));
	}

	/**
	 * The same, taking community and street names from the registry a locator already
	 * read and validated, so the grid file is not read and checked a second time.
	 * @param grids a locator made by {@link GridAdapters#reloadingGridLocator}
	 */
	public static PlaceGeocoder placeGeocoder(Path placesGeojson, VersionedGridLocator grids) {
		if (!(grids instanceof ReloadingGridLocator reloading)) {
			throw new IllegalArgumentException("the grid locator must come from GridAdapters.reloadingGridLocator");
		}
		return new GazetteerGeocoder(GazetteerReader.read(placesGeojson, reloading.currentRegistry()));
	}

}
