package org.gridintake.adapters.geo;

import java.nio.file.Path;

import org.gridintake.routes.geo.PlaceGeocoder;

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

}
