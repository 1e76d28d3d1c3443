package org.gridintake.adapters.postgres;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import org.gridintake.routes.casedraft.CaseDraft;
import org.gridintake.routes.casedraft.CaseNumber;
import org.gridintake.routes.casedraft.CaseStatus;
import org.gridintake.routes.casedraft.CaseStore;
import org.gridintake.routes.casedraft.CaseStore.AmendOutcome;
import org.gridintake.routes.casedraft.CaseStore.AmendRefusal;
import org.gridintake.routes.casedraft.CaseStore.AttachOutcome;
import org.gridintake.routes.casedraft.Channel;
import org.gridintake.routes.casedraft.ChannelRef;
import org.gridintake.routes.casedraft.Mobile;
import org.gridintake.routes.casedraft.NewCase;
import org.gridintake.routes.casedraft.RawMessage;
import org.gridintake.routes.casedraft.ReportOrigin;
import org.gridintake.routes.casedraft.Reporter;
import org.gridintake.routes.casedraft.StatusEvent;
import org.gridintake.routes.forward.ForwardQueue;
import org.gridintake.routes.forward.ForwardTask;
import org.gridintake.routes.geo.GeoPoint;
import org.gridintake.routes.geo.GridChain;
import org.gridintake.routes.geo.GridLevel;
import org.gridintake.routes.geo.GridUnit;
import org.gridintake.routes.geo.LocationEvidence;
import org.gridintake.routes.routing.RouteDecision;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Amending a call's case against the forwarder, attaching a call to an open case, and
 * finding open cases near a point, against a real PostgreSQL.
 */
class PostgresAmendAttachTest extends PostgresStoreTest {

	private static final GridChain BEIXIN = new GridChain(new GridUnit("110199", "青河区", GridLevel.DISTRICT),
			new GridUnit("110199005", "北新街道", GridLevel.STREET),
			new GridUnit("110199005001", "兴华社区", GridLevel.COMMUNITY),
			new GridUnit("110199005001029", "兴华社区第29网格", GridLevel.GRID));

	private static final GridChain DONGHUA = new GridChain(new GridUnit("110199", "青河区", GridLevel.DISTRICT),
			new GridUnit("110199001", "东华街道", GridLevel.STREET),
			new GridUnit("110199001003", "融泽社区", GridLevel.COMMUNITY),
			new GridUnit("110199001003075", "融泽社区第75网格", GridLevel.GRID));

	private static final GeoPoint CENTRE = new GeoPoint(116.4050485, 39.9132259);

	@Test
	void aForwardBeingSentHoldsOffAnAmendmentUntilTheAttemptEnds() {
		CaseDraft draft = record(draft("call-" + UUID.randomUUID(), "工地夜间施工噪音", "1104", CENTRE, BEIXIN, "qh-streets"));
		ForwardTask sending = this.forwards.claimDue(10, Duration.ofMinutes(1)).get(0);

		AmendOutcome refused = this.cases.amend(Channel.HOTLINE, draft.channelRef().value(), toDonghua("OP016"));
		assertThat(refused).isInstanceOfSatisfying(AmendOutcome.Refused.class,
				(r) -> assertThat(r.reason()).isEqualTo(AmendRefusal.IN_FLIGHT));

		this.forwards.retryLater(sending, "HTTP 503", Instant.now().plus(Duration.ofMinutes(5)));
		AmendOutcome amended = this.cases.amend(Channel.HOTLINE, draft.channelRef().value(), toDonghua("OP016"));
		assertThat(amended).isInstanceOfSatisfying(AmendOutcome.Amended.class,
				(a) -> assertThat(a.draft().grid()).isEqualTo(DONGHUA));

		// the corrected case goes out at once, to the new platform, under a new key
		ForwardTask next = this.forwards.claimDue(10, Duration.ofMinutes(1)).get(0);
		assertThat(next.id()).isEqualTo(sending.id());
		assertThat(next.platformId()).isEqualTo("donghua-street");
		assertThat(next.idempotencyKey()).isNotEqualTo(sending.idempotencyKey());
		assertThat(next.failedAttempts()).isZero();
		assertThat(next.caseRecord().draft().address()).isEqualTo("幸福路123号");
		assertThat(next.caseRecord().draft().description()).isEqualTo("幸福路123号工地夜间施工噪音");
		assertThat(next.caseRecord().history()).extracting(StatusEvent::source).contains("operator:OP016");
		assertThat(jdbc.sql("select convert_from(body, 'UTF8') from raw_message_amendment where case_id = ?")
			.param(draft.id())
			.query(String.class)
			.single()).isEqualTo("{\"address\":\"幸福路123号\"}");

		this.forwards.delivered(next, "P-7", Instant.now());
		assertThat(this.cases.amend(Channel.HOTLINE, draft.channelRef().value(), (current) -> {
			throw new AssertionError("a forwarded case is not revised");
		})).isInstanceOfSatisfying(AmendOutcome.Refused.class,
				(r) -> assertThat(r.reason()).isEqualTo(AmendRefusal.FORWARDED));
	}

	@Test
	void theForwarderSkipsACaseWhileItIsBeingAmended() throws Exception {
		CaseDraft draft = record(draft("call-" + UUID.randomUUID(), "工地夜间施工噪音", "1104", CENTRE, BEIXIN, "qh-streets"));
		AtomicReference<List<ForwardTask>> claimedMeanwhile = new AtomicReference<>();
		ExecutorService forwarder = Executors.newSingleThreadExecutor();
		try {
			AmendOutcome amended = this.cases.amend(Channel.HOTLINE, draft.channelRef().value(), (current) -> {
				try {
					claimedMeanwhile
						.set(forwarder.submit(() -> this.forwards.claimDue(10, Duration.ofMinutes(1))).get());
				}
				catch (Exception ex) {
					throw new IllegalStateException(ex);
				}
				return toDonghua("OP016").revise(current);
			});
			assertThat(amended).isInstanceOf(AmendOutcome.Amended.class);
		}
		finally {
			forwarder.shutdown();
		}
		assertThat(claimedMeanwhile.get()).isEmpty();
		assertThat(this.forwards.claimDue(10, Duration.ofMinutes(1))).singleElement()
			.satisfies((task) -> assertThat(task.platformId()).isEqualTo("donghua-street"));
	}

	@Test
	void onlyACallsOwnCaseIsAmendedAndAnUnchangedOneWritesNothing() {
		assertThat(this.cases.amend(Channel.HOTLINE, "no-such-call", toDonghua("OP016")))
			.isInstanceOf(AmendOutcome.NotFound.class);
		CaseDraft draft = record(draft("call-" + UUID.randomUUID(), "工地夜间施工噪音", "1104", CENTRE, BEIXIN, "qh-streets"));
		assertThat(this.cases.amend(Channel.SMS, draft.channelRef().value(), toDonghua("OP016")))
			.isInstanceOf(AmendOutcome.NotFound.class);
		assertThat(this.cases.amend(Channel.HOTLINE, draft.channelRef().value(), (current) -> Optional.empty()))
			.isInstanceOfSatisfying(AmendOutcome.Amended.class, (a) -> {
				assertThat(a.changed()).isFalse();
				assertThat(a.draft().caseNumber()).isEqualTo(draft.caseNumber());
			});
		assertThat(jdbc.sql("select count(*) from raw_message_amendment where case_id = ?")
			.param(draft.id())
			.query(Integer.class)
			.single()).isZero();
	}

	@Test
	void aCallJoinsAnOpenCaseOnceAndNeverAFinishedOne() {
		CaseDraft master = record(draft("call-" + UUID.randomUUID(), "单杠断了", "0105", CENTRE, BEIXIN, "qh-communities"));
		CaseDraft call = duplicateDraft("call-" + UUID.randomUUID());
		AttachOutcome attached = this.cases.attach(duplicateCase(call), master.caseNumber());
		assertThat(attached).isEqualTo(new AttachOutcome.Attached(call.caseNumber(), master.caseNumber()));
		assertThat(this.cases.find(master.caseNumber()).orElseThrow().reports()).isEqualTo(2);
		CaseDraft stored = this.cases.find(call.caseNumber()).orElseThrow().draft();
		assertThat(stored.masterCaseId()).isEqualTo(master.id());
		assertThat(stored.status()).isEqualTo(CaseStatus.MERGED);

		CaseDraft retry = duplicateDraft(call.channelRef().value());
		assertThat(this.cases.attach(duplicateCase(retry), master.caseNumber()))
			.isEqualTo(new AttachOutcome.AlreadyStored(call.caseNumber(), master.caseNumber()));

		assertThat(this.cases.attach(duplicateCase(duplicateDraft("call-" + UUID.randomUUID())), call.caseNumber()))
			.isInstanceOfSatisfying(AttachOutcome.MasterRefused.class,
					(r) -> assertThat(r.message()).contains(master.caseNumber().value()));
		assertThat(this.cases.attach(duplicateCase(duplicateDraft("call-" + UUID.randomUUID())),
				new CaseNumber("QH20990101-999999")))
			.isInstanceOf(AttachOutcome.MasterRefused.class);
		jdbc.sql("update report_case set status = 'CLOSED' where id = ?").param(master.id()).update();
		CaseDraft late = duplicateDraft("call-" + UUID.randomUUID());
		assertThat(this.cases.attach(duplicateCase(late), master.caseNumber()))
			.isInstanceOf(AttachOutcome.MasterRefused.class);
		assertThat(this.cases.find(late.caseNumber())).isEmpty();
	}

	@Test
	void openCasesNearAPointComeNearestFirstWithinTheRadius() {
		String category = "07" + (10 + (int) (Math.random() * 89));
		CaseDraft here = record(draft("call-" + UUID.randomUUID(), "就在这里", category, CENTRE, BEIXIN, "qh-streets"));
		CaseDraft east = record(
				draft("call-" + UUID.randomUUID(), "东边一点", category, offsetEast(CENTRE, 120), BEIXIN, "qh-streets"));
		record(draft("call-" + UUID.randomUUID(), "太远了", category, offsetEast(CENTRE, 450), BEIXIN, "qh-streets"));
		record(draft("call-" + UUID.randomUUID(), "别的类别", "0101", CENTRE, BEIXIN, "qh-streets"));
		CaseDraft closed = record(draft("call-" + UUID.randomUUID(), "已结案", category, CENTRE, BEIXIN, "qh-streets"));
		jdbc.sql("update report_case set status = 'CLOSED' where id = ?").param(closed.id()).update();
		CaseDraft old = record(draft("call-" + UUID.randomUUID(), "很久以前", category, CENTRE, BEIXIN, "qh-streets"));
		jdbc.sql("update report_case set received_at = now() - interval '40 days' where id = ?")
			.param(old.id())
			.update();
		this.cases.attach(duplicateCase(duplicateDraft("call-" + UUID.randomUUID(), category)), here.caseNumber());

		List<CaseStore.NearbyCase> near = this.cases.openCasesNear(CENTRE, 300, category,
				Instant.now().minus(Duration.ofDays(30)), 20);
		assertThat(near).extracting((n) -> n.draft().caseNumber())
			.containsExactly(here.caseNumber(), east.caseNumber());
		assertThat(near.get(0).distanceMeters()).isLessThan(1);
		assertThat(near.get(0).reports()).isEqualTo(2);
		assertThat(near.get(1).distanceMeters()).isBetween(115.0, 125.0);
		assertThat(this.cases.openCasesNear(CENTRE, 300, category, Instant.now().minus(Duration.ofDays(30)), 1))
			.hasSize(1);
	}

	private static GeoPoint offsetEast(GeoPoint from, double meters) {
		return new GeoPoint(from.lon() + Math.toDegrees(meters / (6_371_008.8 * Math.cos(Math.toRadians(from.lat())))),
				from.lat());
	}

	private static CaseStore.Revision toDonghua(String operator) {
		return (current) -> Optional.of(
				new CaseStore.Revised(
						new CaseDraft(current.id(), current.caseNumber(), current.channel(), current.channelRef(),
								current.receivedAt(), current.reporter(), "幸福路123号工地夜间施工噪音", current.categoryCode(),
								new GeoPoint(116.4050324, 39.9206024), null, "幸福路123号", DONGHUA, "sha256:test", null,
								LocationEvidence.none(null), null, CaseStatus.LOCATED,
								new RouteDecision("donghua-street", GridLevel.STREET, "110199001", "category 1104",
										false),
								null, current.origin()),
						new StatusEvent(CaseStatus.LOCATED, Instant.now(), "operator:" + operator, "amended"),
						RawMessage.utf8("application/json", "{\"address\":\"幸福路123号\"}"), operator));
	}

	private CaseDraft record(CaseDraft draft) {
		assertThat(this.cases.record(new NewCase(draft, RawMessage.utf8("application/json", "{}"),
				List.of(new StatusEvent(draft.status(), draft.receivedAt(), StatusEvent.GATEWAY, "located")),
				draft.route().platformId(), null)))
			.isInstanceOf(CaseStore.RecordOutcome.Stored.class);
		return draft;
	}

	private CaseDraft draft(String callId, String text, String category, GeoPoint point, GridChain chain,
			String platform) {
		return new CaseDraft(UUID.randomUUID(), CaseNumber.of("QH", LocalDate.now(), this.cases.nextSerial()),
				Channel.HOTLINE, new ChannelRef(callId, ChannelRef.Kind.CHANNEL), Instant.now(),
				new Reporter(new Mobile("13811112222"), true), text, category, point, null, "双榆街115号", chain,
				"sha256:test", null, LocationEvidence.none(null), null, CaseStatus.LOCATED,
				new RouteDecision(platform, GridLevel.STREET, chain.street().code(), "category " + category, false),
				null, ReportOrigin.operator("OP016"));
	}

	private CaseDraft duplicateDraft(String callId) {
		return duplicateDraft(callId, "0105");
	}

	private CaseDraft duplicateDraft(String callId, String category) {
		return new CaseDraft(UUID.randomUUID(), CaseNumber.of("QH", LocalDate.now(), this.cases.nextSerial()),
				Channel.HOTLINE, new ChannelRef(callId, ChannelRef.Kind.CHANNEL), Instant.now(),
				new Reporter(new Mobile("13922223333"), true), "又一位来电人反映", category, CENTRE, null, "双榆街115号", BEIXIN,
				"sha256:test", null, LocationEvidence.none(null), null, CaseStatus.MERGED, null, null,
				ReportOrigin.operator("OP017"));
	}

	private static NewCase duplicateCase(CaseDraft draft) {
		return new NewCase(draft, new RawMessage("application/json", "{}".getBytes(StandardCharsets.UTF_8)),
				List.of(new StatusEvent(CaseStatus.MERGED, draft.receivedAt(), "operator:OP017", "attached")), null,
				null);
	}

}
