package org.gridintake.routes.geo;

import java.util.Optional;

/**
 * Port: finds the place that a free Chinese text names, for reports that arrive without
 * coordinates (SMS, hotline). The place is mixed into the complaint with no separator
 * ({@code 反映个问题：实验派出所门口饭店排风机噪音扰民}), written as a door number, a landmark, a compound and
 * building, or only a community or street.
 */
public interface PlaceGeocoder {

	/**
	 * The best supported place mention in the text. When the text names several, the
	 * finest and most certain one wins ({@code 芳草社区中山街109号} gives the door, not the
	 * community).
	 * @param text the text as received; full-width characters and Chinese numerals are
	 * understood
	 * @return empty when the text names no place the gazetteer or grid registry knows; a
	 * coarse match (road, community, street) carries a low confidence rather than a
	 * guessed spot
	 */
	Optional<PlaceMatch> geocode(String text);

}
