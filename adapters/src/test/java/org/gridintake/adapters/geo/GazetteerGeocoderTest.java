package org.gridintake.adapters.geo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.gridintake.routes.geo.ChineseNumerals;
import org.gridintake.routes.geo.GeoPoint;
import org.gridintake.routes.geo.GridLocator;
import org.gridintake.routes.geo.MatchKind;
import org.gridintake.routes.geo.PlaceGeocoder;
import org.gridintake.routes.geo.PlaceMatch;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.within;

class GazetteerGeocoderTest {

	@TempDir
	static Path temp;

	/** A small made-up district where every number below is known. */
	private static PlaceGeocoder small;

	private static Path smallGrids;

	/** The sample district in config/. */
	private static PlaceGeocoder city;

	@BeforeAll
	static void load() throws IOException {
		smallGrids = write("grids.geojson", smallRegistry());
		small = GazetteerAdapters.placeGeocoder(write("places.geojson", smallGazetteer(List.of())), smallGrids);
		Path config = GeocodingQualityTest.configDir();
		city = GazetteerAdapters.placeGeocoder(config.resolve("places.geojson"), config.resolve("grids.geojson"));
	}

	@Test
	void exampleSentenceNamesThePoliceStation() {
		String text = "反映个问题：实验派出所门口饭店排风机噪音扰民谢谢";
		PlaceMatch match = city.geocode(text).orElseThrow();
		assertThat(match.kind()).isEqualTo(MatchKind.POI);
		assertThat(match.placeName()).isEqualTo("实验派出所");
		assertThat(match.start()).isEqualTo(6);
		assertThat(match.end()).isEqualTo(13);
		assertThat(match.matchedText()).isEqualTo("实验派出所门口").isEqualTo(text.substring(6, 13));
		assertThat(match.point().lon()).isCloseTo(116.3811609, within(1e-9));
		assertThat(match.point().lat()).isCloseTo(39.9124127, within(1e-9));
		assertThat(match.locates()).isTrue();
	}

	@Test
	void exampleSentenceLandsInTheStationsGrid() {
		GridLocator grids = GridAdapters.gridLocator(GeocodingQualityTest.configDir().resolve("grids.geojson"));
		PlaceMatch match = city.geocode("反映个问题：实验派出所门口饭店排风机噪音扰民谢谢").orElseThrow();
		assertThat(grids.locate(match.point()).orElseThrow().chain().grid().code()).isEqualTo("110199004003055");
	}

	@Test
	void doorPlateFoundExactly() {
		PlaceMatch match = small.geocode("你好，和平路12号门口井盖丢了").orElseThrow();
		assertThat(match.kind()).isEqualTo(MatchKind.DOOR_EXACT);
		assertThat(match.placeName()).isEqualTo("和平路12号");
		assertThat(match.matchedText()).isEqualTo("和平路12号门口");
		assertThat(match.start()).isEqualTo(3);
		assertThat(match.point()).isEqualTo(plate(12));
		assertThat(match.confidence()).isGreaterThan(0.9);
	}

	@Test
	void roadAliasesAndUnmarkedNumbersAreDoors() {
		assertThat(small.geocode("和平街12号").orElseThrow().placeName()).isEqualTo("和平路12号");
		assertThat(small.geocode("和平路东段12号").orElseThrow().placeName()).isEqualTo("和平路12号");
		assertThat(small.geocode("和平路东段").orElseThrow().kind()).isEqualTo(MatchKind.ROAD);
		PlaceMatch unmarked = small.geocode("和平路12，路灯不亮").orElseThrow();
		assertThat(unmarked.kind()).isEqualTo(MatchKind.DOOR_EXACT);
		assertThat(unmarked.confidence()).isLessThan(small.geocode("和平路12号，路灯不亮").orElseThrow().confidence())
			.isGreaterThanOrEqualTo(PlaceMatch.LOCATING_CONFIDENCE);
		// A bus line is not a door number.
		assertThat(small.geocode("和平路2路公交车站牌坏了").orElseThrow().kind()).isEqualTo(MatchKind.ROAD);
	}

	@Test
	void chineseNumeralsInDoorNumbers() {
		for (String text : List.of("和平路十二号对面", "和平路一二号对面", "和平路１２号对面", "和平路 12 号对面")) {
			PlaceMatch match = small.geocode(text).orElseThrow();
			assertThat(match.kind()).as(text).isEqualTo(MatchKind.DOOR_EXACT);
			assertThat(match.placeName()).as(text).isEqualTo("和平路12号");
			assertThat(match.matchedText()).as(text).isEqualTo(text);
		}
	}

	@Test
	void chineseNumeralsAreRead() {
		assertThat(number("12")).isEqualTo(12);
		assertThat(number("十")).isEqualTo(10);
		assertThat(number("十二")).isEqualTo(12);
		assertThat(number("二十五")).isEqualTo(25);
		assertThat(number("九十")).isEqualTo(90);
		assertThat(number("一百零五")).isEqualTo(105);
		assertThat(number("一百一十")).isEqualTo(110);
		assertThat(number("一百一")).isEqualTo(110);
		assertThat(number("两百")).isEqualTo(200);
		assertThat(number("两百三十四")).isEqualTo(234);
		assertThat(number("一千零一")).isEqualTo(1001);
		assertThat(number("二零三")).isEqualTo(203);
		assertThat(number("一八三")).isEqualTo(183);
		assertThat(number("幺幺零")).isEqualTo(110);
		assertThat(number("十十")).isNull();
		assertThat(number("一二十")).isNull();
		assertThat(number("百")).isNull();
		assertThat(number("零三")).isNull();
		assertThat(number("号")).isNull();
		assertThat(ChineseNumerals.parse("X二十五号", 1)).isEqualTo(new ChineseNumerals.Parsed(25, 4));
	}

	@Test
	void missingDoorIsInterpolatedOnItsOwnSide() {
		PlaceMatch odd = small.geocode("和平路9号楼下").orElseThrow();
		assertThat(odd.kind()).isEqualTo(MatchKind.DOOR_INTERPOLATED);
		assertThat(odd.placeName()).isEqualTo("和平路9号");
		assertThat(odd.point().lon()).isCloseTo((plate(7).lon() + plate(11).lon()) / 2, within(1e-9));
		assertThat(odd.point().lat()).isCloseTo(plate(7).lat(), within(1e-9));
		assertThat(odd.confidence()).isBetween(PlaceMatch.LOCATING_CONFIDENCE, GazetteerGeocoder.DOOR_EXACT);
		// 8 lies between 6 and 10 on the even side, not between 7 and 9 across the road.
		PlaceMatch even = small.geocode("和平路8号").orElseThrow();
		assertThat(even.kind()).isEqualTo(MatchKind.DOOR_INTERPOLATED);
		assertThat(even.point().lat()).isCloseTo(plate(6).lat(), within(1e-9));
		assertThat(even.point().lon()).isCloseTo((plate(6).lon() + plate(10).lon()) / 2, within(1e-9));
	}

	@Test
	void interpolationOverALongGapIsNotTrusted() {
		assertThat(GazetteerGeocoder.interpolated(70)).isEqualTo(GazetteerGeocoder.DOOR_INTERPOLATED_BEST);
		assertThat(GazetteerGeocoder.interpolated(250)).isBetween(GazetteerGeocoder.DOOR_INTERPOLATED_WORST,
				GazetteerGeocoder.DOOR_INTERPOLATED_BEST);
		assertThat(GazetteerGeocoder.interpolated(2000)).isLessThan(PlaceMatch.LOCATING_CONFIDENCE);
		Map<Integer, GeoPoint> farApart = Map.of(1, new GeoPoint(116.0, 40.0), 3, new GeoPoint(116.0003, 40.0), 41,
				new GeoPoint(116.02, 40.0));
		DoorPlates plates = DoorPlates.of(farApart);
		DoorPlates.Door far = plates.find(21);
		assertThat(far.exact()).isFalse();
		assertThat(far.gapMetres()).isGreaterThan(1500);
		assertThat(plates.find(3).exact()).isTrue();
		assertThat(plates.find(2)).isNull();
	}

	@Test
	void numberBeyondTheRoadIsNotInvented() {
		for (String text : List.of("和平路15号门口", "和平路99号", "和平路十四号")) {
			PlaceMatch match = small.geocode(text).orElseThrow();
			assertThat(match.kind()).as(text).isEqualTo(MatchKind.ROAD);
			assertThat(match.placeName()).as(text).isEqualTo("和平路");
			assertThat(match.locates()).as(text).isFalse();
		}
	}

	@Test
	void bareRoadIsCoarse() {
		PlaceMatch match = small.geocode("和平路上的路灯晚上都不亮").orElseThrow();
		assertThat(match.kind()).isEqualTo(MatchKind.ROAD);
		assertThat(match.matchedText()).isEqualTo("和平路");
		assertThat(match.confidence()).isLessThan(PlaceMatch.LOCATING_CONFIDENCE);
		// The middle of the road, on the road.
		assertThat(match.point().lat()).isCloseTo(40.005, within(1e-9));
		assertThat(match.point().lon()).isCloseTo(116.01, within(1e-9));
	}

	@Test
	void landmarkWithRelativeWords() {
		PlaceMatch gate = small.geocode("育英小学东门垃圾桶满了").orElseThrow();
		assertThat(gate.kind()).isEqualTo(MatchKind.POI);
		assertThat(gate.placeName()).isEqualTo("育英小学");
		assertThat(gate.matchedText()).isEqualTo("育英小学东门");
		assertThat(gate.point()).isEqualTo(new GeoPoint(116.005, 40.007));
		PlaceMatch station = small.geocode("北辰站附近有人占道").orElseThrow();
		assertThat(station.placeName()).isEqualTo("北辰地铁站");
		assertThat(station.matchedText()).isEqualTo("北辰站附近");
		assertThat(small.geocode("北辰地铁B口").orElseThrow().matchedText()).isEqualTo("北辰地铁B口");
		double at = small.geocode("育英学校").orElseThrow().confidence();
		double door = small.geocode("育英小学门口").orElseThrow().confidence();
		double near = small.geocode("育英小学附近").orElseThrow().confidence();
		double across = small.geocode("育英小学对面").orElseThrow().confidence();
		assertThat(at).isGreaterThan(door);
		assertThat(door).isGreaterThan(near);
		assertThat(near).isGreaterThan(across);
		assertThat(across).isGreaterThanOrEqualTo(PlaceMatch.LOCATING_CONFIDENCE);
		assertThat(small.geocode("育英小学对面").orElseThrow().matchedText()).isEqualTo("育英小学对面");
	}

	@Test
	void compoundBuildingIsTheCompoundCentre() {
		GeoPoint centre = new GeoPoint(116.015, 40.007);
		for (String text : List.of("金色家园3号楼下有人烧烤", "金色家园三号楼下有人烧烤", "金色家园3栋下有人烧烤", "金色家园小区3号楼下有人烧烤")) {
			PlaceMatch match = small.geocode(text).orElseThrow();
			assertThat(match.kind()).as(text).isEqualTo(MatchKind.COMPOUND_BUILDING);
			assertThat(match.placeName()).as(text).isEqualTo("金色家园3号楼");
			assertThat(match.point()).as(text).isEqualTo(centre);
			assertThat(match.matchedText()).as(text).endsWith("下");
			assertThat(match.locates()).as(text).isTrue();
		}
		assertThat(small.geocode("金色家园3号楼2单元楼道灯坏了").orElseThrow().matchedText()).isEqualTo("金色家园3号楼2单元楼道");
	}

	@Test
	void compoundWithoutBuilding() {
		PlaceMatch gate = small.geocode("金色家园小区门口垃圾成堆").orElseThrow();
		assertThat(gate.kind()).isEqualTo(MatchKind.COMPOUND);
		assertThat(gate.placeName()).isEqualTo("金色家园");
		assertThat(gate.matchedText()).isEqualTo("金色家园小区门口");
		assertThat(gate.locates()).isTrue();
		// It has 12 buildings: a 30th is not made up, but the compound still stands.
		PlaceMatch unknown = small.geocode("金色家园30号楼").orElseThrow();
		assertThat(unknown.kind()).isEqualTo(MatchKind.COMPOUND);
		assertThat(unknown.confidence()).isLessThan(small.geocode("金色家园3号楼").orElseThrow().confidence());
	}

	@Test
	void shortenedCompoundNameNeedsABuilding() {
		PlaceMatch match = small.geocode("百花3号楼漏水").orElseThrow();
		assertThat(match.kind()).isEqualTo(MatchKind.COMPOUND_BUILDING);
		assertThat(match.placeName()).isEqualTo("百花小区3号楼");
		assertThat(small.geocode("春天百花盛开，路边花坛被踩坏了")).isEmpty();
		// The longer name wins: this is the community, not the compound.
		assertThat(small.geocode("百花社区3号楼").orElseThrow().kind()).isEqualTo(MatchKind.COMMUNITY);
	}

	@Test
	void communityAndStreetAreCoarseFallbacks() {
		PlaceMatch community = small.geocode("幸福社区最近老是停电").orElseThrow();
		assertThat(community.kind()).isEqualTo(MatchKind.COMMUNITY);
		assertThat(community.placeName()).isEqualTo("幸福社区");
		assertThat(community.locates()).isFalse();
		assertThat(community.point().lon()).isBetween(116.0, 116.01);
		PlaceMatch street = small.geocode("东华街道办事处不管事").orElseThrow();
		assertThat(street.kind()).isEqualTo(MatchKind.STREET);
		assertThat(street.matchedText()).isEqualTo("东华街道办事处");
		assertThat(street.confidence()).isLessThan(community.confidence());
		assertThat(small.geocode("东华街道幸福社区").orElseThrow().kind()).isEqualTo(MatchKind.COMMUNITY);
	}

	@Test
	void finerMentionWins() {
		PlaceMatch match = small.geocode("幸福社区和平路12号对面").orElseThrow();
		assertThat(match.kind()).isEqualTo(MatchKind.DOOR_EXACT);
		assertThat(match.matchedText()).isEqualTo("和平路12号对面");
		assertThat(match.confidence()).isEqualTo(small.geocode("和平路12号对面").orElseThrow().confidence());
	}

	@Test
	void contradictingAreaLowersConfidence() {
		PlaceMatch plain = small.geocode("和平路12号").orElseThrow();
		PlaceMatch contradicted = small.geocode("光明社区和平路12号").orElseThrow();
		assertThat(contradicted.placeName()).isEqualTo("和平路12号");
		assertThat(contradicted.confidence()).isLessThan(plain.confidence());
		// A compound's grounds reach beyond its centre: 百花小区 lies 43 m outside 百花社区.
		double compound = small.geocode("百花小区3号楼").orElseThrow().confidence();
		assertThat(small.geocode("百花社区百花小区3号楼").orElseThrow().confidence()).isEqualTo(compound);
		assertThat(small.geocode("光明社区百花小区3号楼").orElseThrow().confidence()).isLessThan(compound);
	}

	@Test
	void placeJustOutsideTheNamedCommunityIsMovedIntoIt() {
		GridLocator grids = GridAdapters.gridLocator(smallGrids);
		PlaceMatch plain = small.geocode("边界超市门口堆满了纸箱").orElseThrow();
		assertThat(plain.point()).isEqualTo(new GeoPoint(116.0099, 40.006));
		assertThat(grids.locate(plain.point()).orElseThrow().chain().community().name()).isEqualTo("幸福社区");
		PlaceMatch named = small.geocode("百花社区边界超市门口堆满了纸箱").orElseThrow();
		assertThat(grids.locate(named.point()).orElseThrow().chain().community().name()).isEqualTo("百花社区");
		assertThat(DoorPlates.distanceMetres(named.point(), plain.point())).isLessThan(12.0);
		assertThat(named.confidence()).isEqualTo(plain.confidence());
		assertThat(small.geocode("幸福社区边界超市门口").orElseThrow().point()).isEqualTo(plain.point());
		// Clearly elsewhere: the text contradicts itself, and the place keeps its point.
		PlaceMatch far = small.geocode("光明社区边界超市门口").orElseThrow();
		assertThat(far.point()).isEqualTo(plain.point());
		assertThat(far.confidence()).isLessThan(plain.confidence());
	}

	@Test
	void sharedNameIsNotGuessedUnlessTheAreaTellsWhich() {
		PlaceMatch unsure = small.geocode("市医院门口乱停车").orElseThrow();
		assertThat(unsure.locates()).isFalse();
		PlaceMatch told = small.geocode("光明社区市医院门口乱停车").orElseThrow();
		assertThat(told.placeName()).isEqualTo("中心医院");
		assertThat(told.locates()).isTrue();
		assertThat(small.geocode("人民医院门口乱停车").orElseThrow().locates()).isTrue();
	}

	@Test
	void placesFarApartLowerConfidence() {
		double alone = small.geocode("和平路12号门口").orElseThrow().confidence();
		double scattered = small.geocode("和平路12号门口一直到金色家园路灯都不亮").orElseThrow().confidence();
		assertThat(scattered).isLessThan(alone);
	}

	@Test
	void textsNamingNoPlaceGiveNothing() {
		for (String text : new String[] { null, "", "   ", "路灯坏了好几天了", "井盖不见了，有个黑洞希望尽快解决", "交通标志牌被撞歪了",
				"小区门口垃圾成堆，3号楼下也是", "楼下饭店油烟太大！！", "12号那家店", "反映个问题：墙上被乱涂乱画" }) {
			assertThat(small.geocode(text)).as(String.valueOf(text)).isEmpty();
			assertThat(city.geocode(text)).as(String.valueOf(text)).isEmpty();
		}
	}

	@Test
	void spanIsReportedInTheTextAsReceived() {
		String text = "您好：金色家园　３号楼 下，有车堵门";
		PlaceMatch match = small.geocode(text).orElseThrow();
		assertThat(match.start()).isEqualTo(3);
		assertThat(match.matchedText()).isEqualTo("金色家园　３号楼 下");
		assertThat(text.substring(match.start(), match.end())).isEqualTo(match.matchedText());
	}

	@Test
	void sampleDistrictReports() {
		assertThat(city.geocode("中山街一八三号附近，小商贩占道经营").orElseThrow().placeName()).isEqualTo("中山街183号");
		assertThat(city.geocode("您好，幸福路二十五号有人偷倒装修垃圾").orElseThrow().placeName()).isEqualTo("幸福路25号");
		assertThat(city.geocode("东四条11号楼下小区里的健身设施松动了").orElseThrow().placeName()).isEqualTo("东四条11号");
		assertThat(city.geocode("反映个问题：东湖湾21栋，楼下垃圾成堆").orElseThrow().placeName()).isEqualTo("东湖湾21号楼");
		assertThat(city.geocode("永安里小区门口").orElseThrow().kind()).isEqualTo(MatchKind.COMPOUND);
		assertThat(city.geocode("东方社区卫生服务中心东门").orElseThrow().placeName()).isEqualTo("东方社区卫生服务中心");
		assertThat(city.geocode("安定街9号对面").orElseThrow().placeName()).isEqualTo("安定大街9号");
		assertThat(city.geocode("芳草社区中山街109号墙面被涂鸦了").orElseThrow().placeName()).isEqualTo("中山街109号");
	}

	@Test
	void placeMatchRefusesNonsense() {
		GeoPoint point = new GeoPoint(116.0, 40.0);
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new PlaceMatch(point, 0, 1, "x", MatchKind.POI, 1.5, "x"));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new PlaceMatch(point, 3, 1, "x", MatchKind.POI, 0.5, "x"));
		assertThat(MatchKind.ROAD.isCoarse()).isTrue();
		assertThat(MatchKind.COMPOUND.isCoarse()).isFalse();
	}

	@Test
	void brokenGazetteerIsRefused() throws IOException {
		Path unknownKind = write("unknown.geojson",
				smallGazetteer(List.of(point("{\"name\": \"某物\", \"kind\": \"statue\"}", 116.001, 40.001))));
		assertThatIllegalStateException().isThrownBy(() -> GazetteerAdapters.placeGeocoder(unknownKind, smallGrids))
			.withMessageContainingAll("unknown.geojson", "statue");
		String twelveAgain = "{\"name\": \"和平路12号\", \"kind\": \"address\", \"road\": \"和平路\", \"number\": 12}";
		Path duplicate = write("duplicate.geojson", smallGazetteer(List.of(point(twelveAgain, 116.001, 40.001))));
		assertThatIllegalStateException().isThrownBy(() -> GazetteerAdapters.placeGeocoder(duplicate, smallGrids))
			.withMessageContaining("duplicate address 和平路12号");
		String noNumberProperties = "{\"name\": \"和平路\", \"kind\": \"address\", \"road\": \"和平路\"}";
		Path noNumber = write("nonumber.geojson", smallGazetteer(List.of(point(noNumberProperties, 116.001, 40.001))));
		assertThatIllegalStateException().isThrownBy(() -> GazetteerAdapters.placeGeocoder(noNumber, smallGrids))
			.withMessageContaining("positive number");
		assertThatIllegalStateException()
			.isThrownBy(() -> GazetteerAdapters.placeGeocoder(temp.resolve("missing.geojson"), smallGrids))
			.withMessageContaining("missing.geojson");
	}

	private static Integer number(String text) {
		ChineseNumerals.Parsed parsed = ChineseNumerals.parse(text + "号", 0);
		return (parsed != null && parsed.end() == text.length()) ? parsed.value() : null;
	}

	/** Door plates of 和平路: odd numbers north of it, even ones south, 17 m a number. */
	private static GeoPoint plate(int number) {
		return new GeoPoint(116.001 + number * 0.0002, (number % 2 != 0) ? 40.0051 : 40.0049);
	}

	private static String smallGazetteer(List<String> extra) {
		List<String> features = new ArrayList<>();
		features.add("{\"type\": \"Feature\", \"geometry\": {\"type\": \"LineString\", \"coordinates\": "
				+ "[[116.0, 40.005], [116.02, 40.005]]}, \"properties\": {\"name\": \"和平路\", \"kind\": \"road\", "
				+ "\"aliases\": [\"和平街\"]}}");
		// 9 and 8 are missing; 13 and 12 end the sides.
		for (int number : new int[] { 1, 3, 5, 7, 11, 13, 2, 4, 6, 10, 12 }) {
			GeoPoint plate = plate(number);
			features.add(point("{\"name\": \"和平路" + number + "号\", \"kind\": \"address\", \"road\": \"和平路\", "
					+ "\"number\": " + number + "}", plate.lon(), plate.lat()));
		}
		features.add(poi("育英小学", "school", "育英学校", 116.005, 40.007));
		features.add(poi("北辰地铁站", "metro", "北辰站", 116.012, 40.003));
		// Two hospitals across the district that residents both call 市医院.
		features.add(poi("人民医院", "hospital", "市医院", 116.002, 40.008));
		features.add(poi("中心医院", "hospital", "市医院", 116.025, 40.008));
		// 8.5 m inside 幸福社区 from its boundary with 百花社区.
		features.add(poi("边界超市", "shop", null, 116.0099, 40.006));
		features.add(compound("金色家园", 12, 116.015, 40.007));
		features.add(compound("百花小区", 5, 116.0095, 40.002));
		features.addAll(extra);
		return "{\"type\": \"FeatureCollection\", \"features\": [" + String.join(",\n", features) + "]}";
	}

	private static String poi(String name, String category, String alias, double lon, double lat) {
		String aliases = (alias != null) ? "[\"" + alias + "\"]" : "[]";
		return point("{\"name\": \"" + name + "\", \"kind\": \"poi\", \"category\": \"" + category + "\", \"aliases\": "
				+ aliases + "}", lon, lat);
	}

	private static String compound(String name, int buildings, double lon, double lat) {
		return point("{\"name\": \"" + name + "\", \"kind\": \"compound\", \"buildings\": " + buildings
				+ ", \"aliases\": []}", lon, lat);
	}

	private static String point(String properties, double lon, double lat) {
		return String.format(Locale.ROOT,
				"{\"type\": \"Feature\", \"geometry\": {\"type\": \"Point\", \"coordinates\": [%s, %s]}, \"properties\": %s}",
				lon, lat, properties);
	}

	/** Two streets; 东华街道 holds 幸福社区 (west) and 百花社区, 西城街道 holds 光明社区. */
	private static String smallRegistry() {
		return "{\"type\": \"FeatureCollection\", \"features\": ["
				+ area("110199", "测试区", "district", null, 116.0, 116.03) + ", "
				+ area("110199001", "东华街道", "street", "110199", 116.0, 116.02) + ", "
				+ area("110199002", "西城街道", "street", "110199", 116.02, 116.03) + ", "
				+ area("110199001001", "幸福社区", "community", "110199001", 116.0, 116.01) + ", "
				+ area("110199001002", "百花社区", "community", "110199001", 116.01, 116.02) + ", "
				+ area("110199002001", "光明社区", "community", "110199002", 116.02, 116.03) + ", "
				+ area("110199001001001", "幸福社区第1网格", "grid", "110199001001", 116.0, 116.01) + ", "
				+ area("110199001002001", "百花社区第1网格", "grid", "110199001002", 116.01, 116.02) + ", "
				+ area("110199002001001", "光明社区第1网格", "grid", "110199002001", 116.02, 116.03) + "]}";
	}

	private static String area(String code, String name, String level, String parent, double west, double east) {
		String ring = String.format(Locale.ROOT, "[[[%s, 40.0], [%s, 40.0], [%s, 40.01], [%s, 40.01], [%s, 40.0]]]",
				west, east, east, west, west);
		return "{\"type\": \"Feature\", \"geometry\": {\"type\": \"Polygon\", \"coordinates\": " + ring
				+ "}, \"properties\": {\"code\": \"" + code + "\", \"name\": \"" + name + "\", \"level\": \"" + level
				+ "\", \"parent\": " + ((parent != null) ? "\"" + parent + "\"" : "null") + "}}";
	}

	private static Path write(String name, String content) throws IOException {
		Path file = temp.resolve(name);
		Files.writeString(file, content, StandardCharsets.UTF_8);
		return file;
	}

}
