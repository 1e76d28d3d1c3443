package org.gridintake.routes.geo;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import org.gridintake.routes.casedraft.Channel;
import org.gridintake.routes.casedraft.ChannelRef;
import org.gridintake.routes.casedraft.RawMessage;
import org.gridintake.routes.casedraft.ReportedPoint;
import org.gridintake.routes.casedraft.Reporter;
import org.gridintake.routes.intake.InboundReport;
import org.gridintake.routes.intake.IntakeWork;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which place wins, and when a report stays unlocated. The registry and gazetteer are
 * small stand-ins for the ports; the real ones are tested against the sample district.
 */
class LocateStepTest {

	private static final GeoPoint DOOR = new GeoPoint(116.40, 39.91);

	private static final GeoPoint LANDMARK = new GeoPoint(116.42, 39.92);

	private static final Map<String, PlaceMatch> GAZETTEER = Map.of("和平路12号", match("和平路12号", DOOR, 0.95), "育英小学",
			match("育英小学", LANDMARK, 0.9), "幸福社区", match("幸福社区", LANDMARK, 0.3));

	private static final PlaceGeocoder GEOCODER = (text) -> GAZETTEER.entrySet()
		.stream()
		.filter((entry) -> text.contains(entry.getKey()))
		.map(Map.Entry::getValue)
		.findFirst();

	/** Every point east of 116.41 lies in grid B, every other in grid A. */
	private static final GridLocator REGISTRY = new GridLocator() {

		@Override
		public Optional<GridLocation> locate(GeoPoint point) {
			return Optional
				.of(new GridLocation(chain((point.lon() > 116.41) ? "110199001001002" : "110199001001001"), 20, "v1"));
		}

		@Override
		public Optional<GridUnit> unit(String code) {
			return Optional.empty();
		}

	};

	private final LocateStep step = new LocateStep(REGISTRY, GEOCODER, 0.5, 300);

	@Test
	void aPointWinsOverTheWordsButAFarAddressIsFlagged() {
		IntakeWork work = this.step.locate(work("井盖丢了", new ReportedPoint(DOOR, Crs.WGS84, 5.0), "育英小学"));
		assertThat(work.location().chain().grid().code()).isEqualTo("110199001001001");
		assertThat(work.evidence().source()).isEqualTo(LocationEvidence.Source.POINT);
		assertThat(work.evidence().addressDistanceMeters()).isGreaterThan(1000);
		assertThat(work.evidence().addressMismatch()).isTrue();
	}

	@Test
	void anAddressNearThePointIsNotFlagged() {
		IntakeWork work = this.step.locate(work("井盖丢了", new ReportedPoint(DOOR, Crs.WGS84, 5.0), "和平路12号"));
		assertThat(work.evidence().addressMismatch()).isFalse();
		assertThat(work.evidence().addressDistanceMeters()).isZero();
	}

	@Test
	void withoutAPointTheAddressThenTheTextIsGeocoded() {
		IntakeWork fromAddress = this.step.locate(work("育英小学门口井盖丢了", null, "和平路12号"));
		assertThat(fromAddress.evidence().source()).isEqualTo(LocationEvidence.Source.ADDRESS);
		assertThat(fromAddress.wgs84()).isEqualTo(DOOR);

		IntakeWork fromText = this.step.locate(work("育英小学门口井盖丢了", null, "不知道"));
		assertThat(fromText.evidence().source()).isEqualTo(LocationEvidence.Source.TEXT);
		assertThat(fromText.location().chain().grid().code()).isEqualTo("110199001001002");
	}

	@Test
	void aCoarseMatchLeavesTheReportUnlocatedButKeepsTheHint() {
		IntakeWork work = this.step.locate(work("幸福社区有人乱倒垃圾", null, null));
		assertThat(work.location()).isNull();
		assertThat(work.wgs84()).isNull();
		assertThat(work.evidence().source()).isEqualTo(LocationEvidence.Source.NONE);
		assertThat(work.evidence().match().placeName()).isEqualTo("幸福社区");
		// precise enough to pick the street whose triage looks at it
		assertThat(work.triageArea().street().code()).isEqualTo("110199001");
	}

	@Test
	void aMapPickInGcj02IsConvertedBeforeTheLookup() {
		GeoPoint gcj = CoordinateTransform.fromWgs84(new GeoPoint(116.4095, 39.91), Crs.GCJ02);
		assertThat(gcj.lon()).isGreaterThan(116.41);
		IntakeWork work = this.step.locate(work("路灯坏了", new ReportedPoint(gcj, Crs.GCJ02, null), null));
		assertThat(work.location().chain().grid().code()).isEqualTo("110199001001001");
	}

	private static IntakeWork work(String text, ReportedPoint point, String address) {
		return IntakeWork.of(new InboundReport(Channel.PORTAL, new ChannelRef("r", ChannelRef.Kind.CHANNEL),
				Instant.now(), Reporter.anonymous(), text, point, address, null, RawMessage.utf8("text/plain", text),
				org.gridintake.routes.casedraft.ReportOrigin.RESIDENT));
	}

	private static PlaceMatch match(String name, GeoPoint point, double confidence) {
		return new PlaceMatch(point, 0, name.length(), name, MatchKind.POI, confidence, name);
	}

	private static GridChain chain(String grid) {
		return new GridChain(new GridUnit(grid.substring(0, 6), "区", GridLevel.DISTRICT),
				new GridUnit(grid.substring(0, 9), "街道", GridLevel.STREET),
				new GridUnit(grid.substring(0, 12), "社区", GridLevel.COMMUNITY),
				new GridUnit(grid, "网格", GridLevel.GRID));
	}

}
