package org.gridintake.routes.field;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import org.gridintake.routes.casedraft.Channel;
import org.gridintake.routes.casedraft.ChannelRef;
import org.gridintake.routes.casedraft.RawMessage;
import org.gridintake.routes.casedraft.ReportOrigin;
import org.gridintake.routes.casedraft.ReportedPoint;
import org.gridintake.routes.casedraft.Reporter;
import org.gridintake.routes.geo.Crs;
import org.gridintake.routes.geo.GeoPoint;
import org.gridintake.routes.geo.GridChain;
import org.gridintake.routes.geo.GridLevel;
import org.gridintake.routes.geo.GridLocation;
import org.gridintake.routes.geo.GridUnit;
import org.gridintake.routes.geo.LocationEvidence;
import org.gridintake.routes.intake.FieldError;
import org.gridintake.routes.intake.InboundReport;
import org.gridintake.routes.intake.IntakeWork;
import org.gridintake.routes.intake.InvalidReportException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class AssignedAreaCheckTest {

	private static final GridChain OWN = chain("110199007003006", "金台社区");

	private static final GridChain NEIGHBOUR = chain("110199007001026", "光华社区");

	private static final GridWorker WORKER = new GridWorker("GW0070032", "张三", OWN.community());

	private final AssignedAreaCheck check = new AssignedAreaCheck(
			(id) -> Optional.of(WORKER).filter((w) -> w.id().equals(id)));

	@Test
	void aWorkerFilesInTheirOwnCommunity() {
		IntakeWork work = located(worker(false), new GridLocation(OWN, 40, "v1"));
		assertThat(this.check.check(work)).isSameAs(work);
	}

	@Test
	void anotherCommunityIsRefusedNamingBothUnlessFlagged() {
		FieldError error = refused(located(worker(false), new GridLocation(NEIGHBOUR, 40, "v1")));
		assertThat(error.field()).isEqualTo("location");
		assertThat(error.message()).contains("光华社区 (110199007001)", "110199007001026", "GW0070032",
				"金台社区 (110199007003)", "outside_area");
		IntakeWork flagged = located(worker(true), new GridLocation(NEIGHBOUR, 40, "v1"));
		assertThat(this.check.check(flagged)).isSameAs(flagged);
	}

	@Test
	void aFixJustAcrossTheBoundaryOfTheirCommunityStillCounts() {
		IntakeWork work = located(worker(false), new GridLocation(NEIGHBOUR, 3, "v1", OWN));
		assertThat(this.check.check(work)).isSameAs(work);
		FieldError error = refused(
				located(worker(false), new GridLocation(NEIGHBOUR, 3, "v1", chain("110199007001027", "光华社区"))));
		assertThat(error.field()).isEqualTo("location");
	}

	@Test
	void aPointOutsideEveryGridIsRefusedUnlessFlagged() {
		IntakeWork outside = IntakeWork.of(worker(false))
			.withPlace(new GeoPoint(116.439, 39.915), null, LocationEvidence.none(null));
		FieldError error = refused(outside);
		assertThat(error.field()).isEqualTo("location");
		assertThat(error.message()).contains("(116.4390000, 39.9150000)", "outside every grid", "金台社区 (110199007003)");
		IntakeWork flagged = IntakeWork.of(worker(true))
			.withPlace(new GeoPoint(116.439, 39.915), null, LocationEvidence.none(null));
		assertThat(this.check.check(flagged)).isSameAs(flagged);
	}

	@Test
	void residentsAndOperatorsAreNotHeldToAnArea() {
		for (ReportOrigin origin : List.of(ReportOrigin.RESIDENT, ReportOrigin.operator("OP016"))) {
			IntakeWork work = located(report(origin), new GridLocation(NEIGHBOUR, 40, "v1"));
			assertThat(this.check.check(work)).isSameAs(work);
		}
	}

	@Test
	void aWorkerNoLongerRegisteredIsRefused() {
		InboundReport stranger = report(ReportOrigin.gridWorker("GW0000000", Instant.now(), false, List.of()));
		assertThat(refused(located(stranger, new GridLocation(OWN, 40, "v1"))).field()).isEqualTo("worker_id");
	}

	private FieldError refused(IntakeWork work) {
		List<FieldError> errors = catchThrowableOfType(InvalidReportException.class, () -> this.check.check(work))
			.errors();
		assertThat(errors).hasSize(1);
		return errors.get(0);
	}

	private static IntakeWork located(InboundReport report, GridLocation location) {
		return IntakeWork.of(report)
			.withPlace(new GeoPoint(116.39, 39.907), location,
					new LocationEvidence(LocationEvidence.Source.POINT, null, null, false));
	}

	private static InboundReport worker(boolean outsideArea) {
		return report(
				ReportOrigin.gridWorker("GW0070032", Instant.parse("2026-07-01T05:01:00Z"), outsideArea, List.of()));
	}

	private static InboundReport report(ReportOrigin origin) {
		return new InboundReport(Channel.FIELD, new ChannelRef("GW0070032:1", ChannelRef.Kind.CHANNEL),
				Instant.parse("2026-07-01T06:00:00Z"), Reporter.anonymous(), "一楼把院子圈起来盖了房",
				new ReportedPoint(new GeoPoint(116.39, 39.907), Crs.WGS84, 5.0), null, "1103",
				RawMessage.utf8("application/json", "{}"), origin);
	}

	private static GridChain chain(String grid, String communityName) {
		return new GridChain(new GridUnit(grid.substring(0, 6), "青河区", GridLevel.DISTRICT),
				new GridUnit(grid.substring(0, 9), "金台街道", GridLevel.STREET),
				new GridUnit(grid.substring(0, 12), communityName, GridLevel.COMMUNITY),
				new GridUnit(grid, communityName + "第" + Integer.parseInt(grid.substring(12)) + "网格", GridLevel.GRID));
	}

}
