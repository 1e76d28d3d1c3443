package org.gridintake.routes.dedup;

import java.text.Normalizer;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.gridintake.routes.geo.ChineseNumerals;

/**
 * A door address, road and house number ({@code 和平路12号}), as the merge rules compare
 * them. The gazetteer names a matched door canonically; a door found only in free text
 * keeps whatever the writer put before the road's suffix (来电人反映金台大街), so two plates are
 * compared by a short key of their road (see {@link #sameRoad}) rather than by the whole
 * name.
 *
 * @param road the road as named, with its suffix ({@code 金台大街})
 * @param number the house number
 */
record DoorPlate(String road, int number) {

	/**
	 * A road name ends in one of these; longest first so 大街 is not cut at 街. 大道 names
	 * main roads in many cities (江南大道, 世纪大道), though not in the sample district. 号楼 and
	 * 号院 after the number name a building, not a door.
	 */
	private static final Pattern MENTION = Pattern
		.compile("(\\p{IsHan}{1,8}?(?:大街|大道|胡同|路|街|巷|条))([0-9]{1,5}|[零〇一二两三四五六七八九十百千]{1,9})号(?![楼院])");

	/**
	 * Characters of the road's own name kept in its key: enough to tell the district's
	 * roads apart, few enough that a writer's lead-in words drop out.
	 */
	private static final int ROAD_KEY_LETTERS = 2;

	DoorPlate {
		if (road == null || road.isBlank()) {
			throw new IllegalArgumentException("a door plate needs a road");
		}
		if (number <= 0) {
			throw new IllegalArgumentException("a house number is positive, not " + number);
		}
	}

	/** A plate written on its own, such as the gazetteer's {@code 和平路12号}. */
	static Optional<DoorPlate> parse(String plate) {
		if (plate == null) {
			return Optional.empty();
		}
		Matcher matcher = MENTION.matcher(normalise(plate));
		return matcher.matches() ? plate(matcher) : Optional.empty();
	}

	/**
	 * The first door plate mentioned in a free text, if any. Without a gazetteer the
	 * start of a road's name is unknown (井盖丢了在幸福路5号), so the road keeps only the letters
	 * that {@link #sameRoad} compares: 幸福路5号.
	 */
	static Optional<DoorPlate> find(String text) {
		if (text == null) {
			return Optional.empty();
		}
		Matcher matcher = MENTION.matcher(normalise(text));
		while (matcher.find()) {
			Optional<DoorPlate> plate = plate(matcher);
			if (plate.isPresent()) {
				return Optional.of(new DoorPlate(plate.get().shortRoad(), plate.get().number()));
			}
		}
		return Optional.empty();
	}

	/**
	 * Whether both name the same road: the same suffix kind (大街 and 街 are one, since
	 * residents drop the 大) and the same last letters of the name before it.
	 */
	boolean sameRoad(DoorPlate other) {
		return roadKey().equals(other.roadKey());
	}

	boolean sameDoor(DoorPlate other) {
		return sameRoad(other) && this.number == other.number;
	}

	/** On the same road with another number: a different place, however near. */
	boolean otherDoorOnSameRoad(DoorPlate other) {
		return sameRoad(other) && this.number != other.number;
	}

	String roadKey() {
		String suffix = suffix();
		return keptName(suffix) + (suffix.equals("大街") ? "街" : suffix);
	}

	private String shortRoad() {
		String suffix = suffix();
		return keptName(suffix) + suffix;
	}

	private String suffix() {
		return this.road.endsWith("大街") ? "大街" : this.road.endsWith("大道") ? "大道"
				: this.road.endsWith("胡同") ? "胡同" : this.road.substring(this.road.length() - 1);
	}

	private String keptName(String suffix) {
		String name = this.road.substring(0, this.road.length() - suffix.length());
		return name.substring(Math.max(0, name.length() - ROAD_KEY_LETTERS));
	}

	@Override
	public String toString() {
		return this.road + this.number + "号";
	}

	private static Optional<DoorPlate> plate(Matcher matcher) {
		int number = houseNumber(matcher.group(2));
		return (number > 0) ? Optional.of(new DoorPlate(matcher.group(1), number)) : Optional.empty();
	}

	private static String normalise(String text) {
		return Normalizer.normalize(text, Normalizer.Form.NFKC);
	}

	/**
	 * Arabic digits, a counted Chinese numeral (十二, 一百零五) or one read digit by digit
	 * (二零三), read the way the gazetteer reads them; -1 when the characters are not one
	 * well-formed number.
	 */
	static int houseNumber(String digits) {
		ChineseNumerals.Parsed parsed = ChineseNumerals.parse(digits, 0);
		return (parsed != null && parsed.end() == digits.length()) ? parsed.value() : -1;
	}

}
