package org.gridintake.adapters.geo;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.gridintake.routes.geo.ChineseNumerals;
import org.gridintake.routes.geo.GeoPoint;
import org.gridintake.routes.geo.MatchKind;
import org.gridintake.routes.geo.PlaceGeocoder;
import org.gridintake.routes.geo.PlaceMatch;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Point;

/**
 * Finds place mentions in free text by looking up every position of the text in a trie of
 * all names and aliases, reads what follows each name (a door or building number, a
 * relative word such as 门口 or 对面), and keeps the finest, most certain mention.
 * <p>
 * Confidence starts from how precisely each kind of mention pins a spot, and drops for
 * anything that casts doubt on it: a loose relative word, a door number placed by
 * interpolation over a wide gap, a name that several places share, a community or street
 * named alongside that does not contain the spot, or other places named far away. Roads
 * without a placeable number, communities and streets start below
 * {@link PlaceMatch#LOCATING_CONFIDENCE}: they say which area, not which grid.
 * <p>
 * Immutable once built, so one instance serves all threads.
 */
final class GazetteerGeocoder implements PlaceGeocoder {

	static final double DOOR_EXACT = 0.95;

	static final double POI = 0.9;

	static final double COMPOUND_BUILDING = 0.85;

	// Compounds are a few hundred metres across at most, so even without a building the
	// centre is usually in the right grid, and nearly always in the right community.
	static final double COMPOUND = 0.75;

	// A building number the compound does not have: the compound is still named, but
	// the text is not quite what we think it is.
	static final double COMPOUND_UNKNOWN_BUILDING = 0.7;

	// Interpolating between plates that are one missing plate apart is nearly as good as
	// an exact plate; across a long unnumbered stretch the guess is no longer a spot.
	static final double DOOR_INTERPOLATED_BEST = 0.85;

	static final double DOOR_INTERPOLATED_WORST = 0.45;

	static final double INTERPOLATION_SHORT_GAP_METRES = 100;

	static final double INTERPOLATION_LONG_GAP_METRES = 400;

	static final double COMMUNITY = 0.3;

	static final double ROAD = 0.2;

	// A door number the road does not reach: the road is named but the spot is unknown,
	// and the number makes even the road slightly suspect.
	static final double ROAD_NUMBER_OUT_OF_RANGE = 0.15;

	static final double STREET = 0.15;

	// 和平路12 without 号: probably the door, but less certainly.
	static final double UNMARKED_DOOR_PENALTY = 0.05;

	// 金色家园3号 without 楼: probably the building.
	static final double UNMARKED_BUILDING_PENALTY = 0.05;

	// A name two places share, 300+ m apart, with nothing in the text to tell them apart.
	static final double AMBIGUOUS_FACTOR = 0.5;

	static final double AMBIGUITY_METRES = 300;

	static final double AREA_CONFLICT_PENALTY = 0.2;

	// How far outside a community or street named alongside a place may lie and still
	// agree with it. Registry polygons and gazetteer points are drawn independently, so a
	// plate on a boundary road may sit a few metres outside the community it belongs to;
	// a landmark or compound stands for grounds that reach further than its point.
	static final double DOOR_AREA_TOLERANCE_METRES = 30;

	static final double POI_AREA_TOLERANCE_METRES = 100;

	static final double COMPOUND_AREA_TOLERANCE_METRES = 150;

	static final double SCATTERED_PENALTY = 0.15;

	static final double SCATTERED_METRES = 500;

	private static final double SNAP_MARGIN_METRES = 1.0;

	private static final double METRES_PER_DEGREE = 6_371_008.8 * Math.PI / 180.0;

	private static final GeometryFactory GEOMETRY = new GeometryFactory();

	private static final String BUILDING_SUFFIX = "号楼";

	// Longest first: 3号楼 must not stop at 3号.
	private static final String[] BUILDING_UNITS = { "号楼", "#楼", "号院", "栋", "幢", "座", "号", "#" };

	private static final String ROAD_SEGMENTS = "东西南北中";

	// After 3号楼 or 5栋 a single character still says where at the building.
	private static final String BUILDING_RELATIVE_CHARACTERS = "下前后旁";

	private final NameTrie<Entry> names;

	GazetteerGeocoder(Gazetteer gazetteer) {
		Map<String, List<Gazetteer.Name>> byText = new HashMap<>();
		gazetteer.names().forEach((name) -> byText.computeIfAbsent(name.text(), (t) -> new ArrayList<>()).add(name));
		NameTrie.Builder<Entry> trie = new NameTrie.Builder<>();
		byText.forEach((text, spellings) -> {
			for (Gazetteer.Name name : spellings) {
				boolean ambiguous = spellings.stream()
					.anyMatch((other) -> other.place() != name.place() && DoorPlates
						.distanceMetres(other.place().point(), name.place().point()) > AMBIGUITY_METRES);
				trie.put(text, new Entry(name, ambiguous));
			}
		});
		this.names = trie.build();
	}

	@Override
	public Optional<PlaceMatch> geocode(String text) {
		if (text == null || text.isBlank()) {
			return Optional.empty();
		}
		PlaceText normalised = PlaceText.of(text);
		String t = normalised.text();
		List<Candidate> all = new ArrayList<>();
		for (int start = 0; start < t.length(); start++) {
			int from = start;
			this.names.matchesAt(t, from, (end, entries) -> {
				for (Entry entry : entries) {
					Candidate candidate = candidate(t, from, end, entry);
					if (candidate != null) {
						all.add(candidate);
					}
				}
			});
		}
		List<Candidate> mentions = longestNames(all);
		return mentions.stream()
			.map((candidate) -> candidate.withConfidence(judged(candidate, mentions)))
			.max(Comparator.comparingDouble(Candidate::confidence)
				.thenComparing((c) -> -c.kind().ordinal())
				.thenComparingInt((c) -> c.end() - c.nameStart())
				.thenComparingInt((c) -> -c.nameStart()))
			.map((best) -> intoNamedArea(best, mentions).toMatch(text, normalised));
	}

	private Candidate candidate(String t, int start, int nameEnd, Entry entry) {
		Gazetteer.Place place = entry.name().place();
		if (place instanceof Gazetteer.Road road) {
			return road(t, start, nameEnd, road, entry);
		}
		if (place instanceof Gazetteer.Compound compound) {
			return compound(t, start, nameEnd, compound, entry);
		}
		RelativeWords.Suffix suffix = RelativeWords.after(t, nameEnd);
		if (place instanceof Gazetteer.Area area) {
			double base = (area.kind() == MatchKind.COMMUNITY) ? COMMUNITY : STREET;
			return new Candidate(entry, start, nameEnd, suffix.end(), area.kind(), area.point(),
					base - suffix.relation().penalty(), area.name());
		}
		return new Candidate(entry, start, nameEnd, suffix.end(), MatchKind.POI, place.point(),
				POI - suffix.relation().penalty(), place.name());
	}

	private Candidate road(String t, int start, int nameEnd, Gazetteer.Road road, Entry entry) {
		ChineseNumerals.Parsed number = ChineseNumerals.parse(t, afterSegment(t, nameEnd));
		if (number != null) {
			int after = number.end();
			boolean marked = after < t.length() && (t.charAt(after) == '号' || t.charAt(after) == '#');
			if (marked) {
				after++;
				if (after < t.length() && t.charAt(after) == '院') {
					after++;
				}
			}
			RelativeWords.Suffix suffix = RelativeWords.after(t, after);
			// Without 号 the number must stand alone: 幸福路12 is a door, 幸福路2路车 is not.
			if (marked || suffix.end() > after || after == t.length() || !Character.isLetter(t.charAt(after))) {
				double penalty = suffix.relation().penalty() + (marked ? 0.0 : UNMARKED_DOOR_PENALTY);
				DoorPlates.Door door = road.plates().find(number.value());
				if (door == null) {
					return new Candidate(entry, start, nameEnd, suffix.end(), MatchKind.ROAD, road.point(),
							ROAD_NUMBER_OUT_OF_RANGE - penalty, road.name());
				}
				return new Candidate(entry, start, nameEnd, suffix.end(),
						door.exact() ? MatchKind.DOOR_EXACT : MatchKind.DOOR_INTERPOLATED, door.point(),
						(door.exact() ? DOOR_EXACT : interpolated(door.gapMetres())) - penalty,
						road.name() + number.value() + "号");
			}
		}
		RelativeWords.Suffix suffix = RelativeWords.after(t, nameEnd);
		return new Candidate(entry, start, nameEnd, suffix.end(), MatchKind.ROAD, road.point(),
				ROAD - suffix.relation().penalty(), road.name());
	}

	/** 和平路北段12号: long roads are numbered through, so the segment changes nothing. */
	private static int afterSegment(String t, int at) {
		if (at + 1 < t.length() && ROAD_SEGMENTS.indexOf(t.charAt(at)) >= 0 && t.charAt(at + 1) == '段') {
			return at + 2;
		}
		return at;
	}

	static double interpolated(double gapMetres) {
		double t = (gapMetres - INTERPOLATION_SHORT_GAP_METRES)
				/ (INTERPOLATION_LONG_GAP_METRES - INTERPOLATION_SHORT_GAP_METRES);
		t = Math.max(0.0, Math.min(1.0, t));
		return DOOR_INTERPOLATED_BEST - t * (DOOR_INTERPOLATED_BEST - DOOR_INTERPOLATED_WORST);
	}

	private Candidate compound(String t, int start, int nameEnd, Gazetteer.Compound compound, Entry entry) {
		ChineseNumerals.Parsed number = ChineseNumerals.parse(t, nameEnd);
		String unit = (number != null) ? buildingUnit(t, number.end()) : null;
		if (unit != null) {
			int after = withEntrance(t, number.end() + unit.length());
			RelativeWords.Suffix suffix = RelativeWords.after(t, after);
			if (suffix.end() == after && namesBuilding(unit) && after < t.length()
					&& BUILDING_RELATIVE_CHARACTERS.indexOf(t.charAt(after)) >= 0) {
				suffix = new RelativeWords.Suffix(after + 1, RelativeWords.Relation.AT);
			}
			double penalty = suffix.relation().penalty();
			int building = number.value();
			if (compound.buildings() == 0 || building <= compound.buildings()) {
				double base = COMPOUND_BUILDING
						- ((unit.equals("号") || unit.equals("#")) ? UNMARKED_BUILDING_PENALTY : 0.0);
				return new Candidate(entry, start, nameEnd, suffix.end(), MatchKind.COMPOUND_BUILDING, compound.point(),
						base - penalty, compound.name() + building + BUILDING_SUFFIX);
			}
			return new Candidate(entry, start, nameEnd, suffix.end(), MatchKind.COMPOUND, compound.point(),
					COMPOUND_UNKNOWN_BUILDING - penalty, compound.name());
		}
		if (entry.name().needsBuilding()) {
			return null;
		}
		RelativeWords.Suffix suffix = RelativeWords.after(t, nameEnd);
		return new Candidate(entry, start, nameEnd, suffix.end(), MatchKind.COMPOUND, compound.point(),
				COMPOUND - suffix.relation().penalty(), compound.name());
	}

	private static String buildingUnit(String t, int at) {
		for (String unit : BUILDING_UNITS) {
			if (RelativeWords.startsWith(t, at, unit)) {
				return unit;
			}
		}
		return null;
	}

	private static boolean namesBuilding(String unit) {
		return unit.endsWith("楼") || unit.equals("栋") || unit.equals("幢") || unit.equals("座");
	}

	/** 3号楼2单元: the entrance belongs to the mention but does not move the point. */
	private static int withEntrance(String t, int at) {
		ChineseNumerals.Parsed entrance = ChineseNumerals.parse(t, at);
		if (entrance != null && RelativeWords.startsWith(t, entrance.end(), "单元")) {
			return entrance.end() + "单元".length();
		}
		return at;
	}

	/**
	 * Drops every mention whose name lies inside a longer name also found: 民旺社区 is the
	 * community, not a shortened 民旺小区, and 实验社区卫生服务中心 is the clinic.
	 */
	private static List<Candidate> longestNames(List<Candidate> all) {
		List<Candidate> kept = new ArrayList<>(all.size());
		for (Candidate candidate : all) {
			boolean inside = false;
			for (Candidate other : all) {
				if (other.nameStart() <= candidate.nameStart() && candidate.nameEnd() <= other.nameEnd()
						&& other.nameLength() > candidate.nameLength()) {
					inside = true;
					break;
				}
			}
			if (!inside) {
				kept.add(candidate);
			}
		}
		return kept;
	}

	/** The candidate's confidence once the rest of the text has had its say. */
	private static double judged(Candidate candidate, List<Candidate> mentions) {
		double confidence = candidate.confidence();
		List<Gazetteer.Area> areas = new ArrayList<>();
		for (Candidate mention : mentions) {
			if (mention.entry().name().place() instanceof Gazetteer.Area area && mention != candidate) {
				areas.add(area);
			}
		}
		double tolerance = areaToleranceMetres(candidate.kind());
		boolean consistent = tolerance < 0 || within(candidate.point(), areas, tolerance);
		if (!consistent) {
			confidence -= AREA_CONFLICT_PENALTY;
		}
		if (candidate.entry().ambiguous()
				&& !(consistent && !areas.isEmpty() && onlyConsistentReading(candidate, mentions, areas))) {
			confidence *= AMBIGUOUS_FACTOR;
		}
		if (!candidate.kind().isCoarse()) {
			for (Candidate other : mentions) {
				if (!other.kind().isCoarse() && !other.sameName(candidate)
						&& DoorPlates.distanceMetres(other.point(), candidate.point()) > SCATTERED_METRES) {
					confidence -= SCATTERED_PENALTY;
					break;
				}
			}
		}
		return Math.max(0.0, Math.min(1.0, confidence));
	}

	private static boolean onlyConsistentReading(Candidate candidate, List<Candidate> mentions,
			List<Gazetteer.Area> areas) {
		for (Candidate other : mentions) {
			if (other != candidate && other.sameName(candidate)
					&& other.entry().name().place() != candidate.entry().name().place()
					&& within(other.point(), areas, areaToleranceMetres(other.kind()))) {
				return false;
			}
		}
		return true;
	}

	/**
	 * A place the text also puts in a community (南湖社区文化路260号) that lies just outside it,
	 * or on its boundary, is moved just inside. The two agree within the place's own
	 * extent, so the disagreement is the drawing's, not the reporter's; and the community
	 * is what decides who handles the case, which the reporter, living there, knows
	 * better than a plate drawn on the boundary road. A place clearly elsewhere keeps its
	 * point: the confidence already says the text contradicts itself.
	 */
	private static Candidate intoNamedArea(Candidate best, List<Candidate> mentions) {
		if (best.kind().isCoarse()) {
			return best;
		}
		Gazetteer.Area finest = null;
		for (Candidate mention : mentions) {
			if (mention.entry().name().place() instanceof Gazetteer.Area area
					&& (finest == null || (area.kind() == MatchKind.COMMUNITY && finest.kind() == MatchKind.STREET))) {
				finest = area;
			}
		}
		if (finest == null) {
			return best;
		}
		Point point = GEOMETRY.createPoint(new Coordinate(best.point().lon(), best.point().lat()));
		double tolerance = areaToleranceMetres(best.kind()) / METRES_PER_DEGREE;
		if (finest.area().contains(point) || !finest.area().isWithinDistance(point, tolerance)) {
			return best;
		}
		// The interior point of the sliver of the area within reach: inside, and within a
		// metre of as close as the area comes.
		double reach = finest.area().distance(point) + SNAP_MARGIN_METRES / METRES_PER_DEGREE;
		Geometry sliver = finest.area().intersection(point.buffer(reach));
		if (sliver.isEmpty()) {
			return best;
		}
		Point inside = sliver.getInteriorPoint();
		return best.withPoint(new GeoPoint(inside.getX(), inside.getY()));
	}

	/**
	 * How far outside a named area a mention of this kind may lie and still agree with
	 * it; negative when the question does not arise: a road runs through many
	 * communities, and a street is wider than any community named with it.
	 */
	private static double areaToleranceMetres(MatchKind kind) {
		return switch (kind) {
			case DOOR_EXACT, DOOR_INTERPOLATED, COMMUNITY -> DOOR_AREA_TOLERANCE_METRES;
			case POI -> POI_AREA_TOLERANCE_METRES;
			case COMPOUND, COMPOUND_BUILDING -> COMPOUND_AREA_TOLERANCE_METRES;
			case ROAD, STREET -> -1;
		};
	}

	private static boolean within(GeoPoint point, List<Gazetteer.Area> areas, double toleranceMetres) {
		if (areas.isEmpty() || toleranceMetres < 0) {
			return true;
		}
		Point p = GEOMETRY.createPoint(new Coordinate(point.lon(), point.lat()));
		double tolerance = toleranceMetres / METRES_PER_DEGREE;
		for (Gazetteer.Area area : areas) {
			if (!area.area().isWithinDistance(p, tolerance)) {
				return false;
			}
		}
		return true;
	}

	/**
	 * One spelling in the trie.
	 *
	 * @param ambiguous whether the same spelling also names another place far away
	 */
	private record Entry(Gazetteer.Name name, boolean ambiguous) {
	}

	/** A possible reading of the text, in normalised-text positions. */
	private record Candidate(Entry entry, int nameStart, int nameEnd, int end, MatchKind kind, GeoPoint point,
			double confidence, String placeName) {

		int nameLength() {
			return this.nameEnd - this.nameStart;
		}

		boolean sameName(Candidate other) {
			return this.nameStart == other.nameStart && this.nameEnd == other.nameEnd;
		}

		Candidate withPoint(GeoPoint moved) {
			return new Candidate(this.entry, this.nameStart, this.nameEnd, this.end, this.kind, moved, this.confidence,
					this.placeName);
		}

		Candidate withConfidence(double judged) {
			return new Candidate(this.entry, this.nameStart, this.nameEnd, this.end, this.kind, this.point, judged,
					this.placeName);
		}

		PlaceMatch toMatch(String source, PlaceText normalised) {
			int start = normalised.sourceStart(this.nameStart);
			int end = normalised.sourceEnd(this.end);
			return new PlaceMatch(this.point, start, end, source.substring(start, end), this.kind, this.confidence,
					this.placeName);
		}

	}

}
