package org.gridintake.adapters.geo;

import java.util.List;

import org.gridintake.routes.geo.GeoPoint;
import org.gridintake.routes.geo.MatchKind;
import org.locationtech.jts.geom.Geometry;

/**
 * Everything the place geocoder can recognise by name: the gazetteer's roads, landmarks
 * and compounds, and the grid registry's communities and streets.
 *
 * @param names every spelling a resident may use, each pointing at its place
 */
record Gazetteer(List<Name> names) {

	Gazetteer {
		names = List.copyOf(names);
	}

	/** Something with a name that text can point at. */
	sealed interface Place permits Road, Landmark, Compound, Area {

		String name();

		/** A point that stands for the place when nothing finer is known. */
		GeoPoint point();

	}

	/**
	 * @param point the middle of the road, standing for it only as a coarse fallback
	 * @param plates its door plates, possibly none
	 */
	record Road(String name, GeoPoint point, DoorPlates plates) implements Place {
	}

	record Landmark(String name, String category, GeoPoint point) implements Place {
	}

	/**
	 * @param buildings how many numbered buildings it has, 0 when unknown
	 * @param point its centre, which also stands for each of its buildings
	 */
	record Compound(String name, int buildings, GeoPoint point) implements Place {
	}

	/**
	 * A community or street of the grid registry.
	 *
	 * @param kind {@link MatchKind#COMMUNITY} or {@link MatchKind#STREET}
	 * @param point a point guaranteed inside the area (its centroid may not be)
	 * @param area the polygon, to test whether a finer mention agrees with it
	 */
	record Area(String code, String name, MatchKind kind, GeoPoint point, Geometry area) implements Place {
	}

	/**
	 * One spelling of a place.
	 *
	 * @param text the spelling as it appears in (normalised) text
	 * @param place what it names
	 * @param needsBuilding whether it is a shortened compound name ({@code 百花} for
	 * {@code 百花小区}) that is too likely to be part of another word unless a building
	 * number follows
	 */
	record Name(String text, Place place, boolean needsBuilding) {
	}

}
