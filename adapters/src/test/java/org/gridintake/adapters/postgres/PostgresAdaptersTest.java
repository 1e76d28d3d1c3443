package org.gridintake.adapters.postgres;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import org.gridintake.routes.casedraft.CaseDraft;
import org.gridintake.routes.casedraft.CaseNumber;
import org.gridintake.routes.casedraft.CaseQuery;
import org.gridintake.routes.casedraft.CaseStatus;
import org.gridintake.routes.casedraft.CaseStore;
import org.gridintake.routes.casedraft.CaseStore.CaseRecord;
import org.gridintake.routes.casedraft.Channel;
import org.gridintake.routes.casedraft.ChannelRef;
import org.gridintake.routes.casedraft.Mobile;
import org.gridintake.routes.casedraft.NewCase;
import org.gridintake.routes.casedraft.RawMessage;
import org.gridintake.routes.casedraft.ReportedPoint;
import org.gridintake.routes.casedraft.Reporter;
import org.gridintake.routes.casedraft.StatusChange;
import org.gridintake.routes.casedraft.StatusEvent;
import org.gridintake.routes.casedraft.StatusUpdateResult;
import org.gridintake.routes.forward.ForwardQueue;
import org.gridintake.routes.forward.ForwardTask;
import org.gridintake.routes.geo.Crs;
import org.gridintake.routes.geo.GeoPoint;
import org.gridintake.routes.geo.GridChain;
import org.gridintake.routes.geo.GridLevel;
import org.gridintake.routes.geo.GridUnit;
import org.gridintake.routes.geo.LocationEvidence;
import org.gridintake.routes.geo.MatchKind;
import org.gridintake.routes.geo.PlaceMatch;
import org.gridintake.routes.notify.OutboundText;
import org.gridintake.routes.routing.RouteDecision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

/** The PostgreSQL adapters against a real server, in a database of their own. */
class PostgresAdaptersTest extends PostgresStoreTest {

	@Test
	void aRecordedCaseComesBackWithItsHistoryAndItsRawMessageVerbatim() {
		CaseDraft draft = draft(new ChannelRef("ref-" + UUID.randomUUID(), ChannelRef.Kind.CHANNEL));
		byte[] raw = "{\"text\":\"和平路12号井盖丢了\"}".getBytes(StandardCharsets.UTF_8);
		assertThat(this.cases.record(newCase(draft, raw))).isInstanceOf(CaseStore.RecordOutcome.Stored.class);

		CaseRecord found = this.cases.find(draft.caseNumber()).orElseThrow();
		assertThat(found.draft()).isEqualTo(draft);
		assertThat(found.history()).extracting(StatusEvent::status)
			.containsExactly(CaseStatus.RECEIVED, CaseStatus.LOCATED);
		assertThat(found.reports()).isEqualTo(1);
		assertThat(jdbc.sql("select body from raw_message where case_id = ?")
			.param(draft.id())
			.query(byte[].class)
			.single()).isEqualTo(raw);
	}

	@Test
	void theSameChannelReferenceIsStoredOnce() {
		ChannelRef ref = new ChannelRef("smsc-4711-" + UUID.randomUUID(), ChannelRef.Kind.CHANNEL);
		CaseDraft first = draft(ref);
		this.cases.record(newCase(first, new byte[0]));
		CaseStore.RecordOutcome again = this.cases.record(newCase(draft(ref), new byte[0]));
		assertThat(again).isEqualTo(new CaseStore.RecordOutcome.AlreadyStored(first.caseNumber()));
		assertThat(jdbc.sql("select count(*) from report_case where channel_ref = ?")
			.param(ref.value())
			.query(Integer.class)
			.single()).isEqualTo(1);
	}

	@Test
	void aCaseIsFoundByTheReferenceItsChannelGaveIt() {
		ChannelRef ref = new ChannelRef("GW0070032:" + UUID.randomUUID(), ChannelRef.Kind.CHANNEL);
		assertThat(this.cases.findByChannelRef(Channel.PORTAL, ref)).isEmpty();
		CaseDraft draft = draft(ref);
		this.cases.record(newCase(draft, new byte[0]));
		assertThat(this.cases.findByChannelRef(Channel.PORTAL, ref)).contains(draft.caseNumber());
		// a reference is a channel's own: the same text from another channel is another
		// report
		assertThat(this.cases.findByChannelRef(Channel.FIELD, ref)).isEmpty();
		assertThatIllegalArgumentException().isThrownBy(() -> this.cases.findByChannelRef(Channel.PORTAL,
				new ChannelRef("sha256:" + UUID.randomUUID(), ChannelRef.Kind.CONTENT)));
	}

	@Test
	void contentReferencesMayRepeatBecauseTheSameResidentMayReportAgainDaysLater() {
		ChannelRef ref = new ChannelRef("sha256:" + UUID.randomUUID(), ChannelRef.Kind.CONTENT);
		this.cases.record(newCase(draft(ref), new byte[0]));
		assertThat(this.cases.record(newCase(draft(ref), new byte[0])))
			.isInstanceOf(CaseStore.RecordOutcome.Stored.class);
	}

	@Test
	void twoInstancesClaimingAtOnceNeverGetTheSameOutboxItem() throws Exception {
		for (int i = 0; i < 60; i++) {
			this.cases.record(
					newCase(draft(new ChannelRef(UUID.randomUUID().toString(), ChannelRef.Kind.CHANNEL)), new byte[0]));
		}
		List<Long> claimed = Collections.synchronizedList(new ArrayList<>());
		Callable<Void> instance = () -> {
			List<ForwardTask> batch;
			while (!(batch = this.forwards.claimDue(7, Duration.ofMinutes(5))).isEmpty()) {
				batch.forEach((task) -> claimed.add(task.id()));
			}
			return null;
		};
		ExecutorService pool = Executors.newFixedThreadPool(2);
		try {
			List<Future<Void>> runs = pool.invokeAll(List.of(instance, instance));
			for (Future<Void> run : runs) {
				run.get();
			}
		}
		finally {
			pool.shutdown();
		}
		assertThat(claimed).hasSize(60);
		assertThat(new HashSet<>(claimed)).hasSize(60);
	}

	@Test
	void aClaimIsALeaseThatRunsOutWhenItsHolderDies() {
		CaseDraft draft = draft(new ChannelRef(UUID.randomUUID().toString(), ChannelRef.Kind.CHANNEL));
		this.cases.record(newCase(draft, new byte[0]));
		assertThat(this.forwards.claimDue(10, Duration.ofMillis(300))).hasSize(1);
		assertThat(this.forwards.claimDue(10, Duration.ofMillis(300))).isEmpty();
		await().atMost(Duration.ofSeconds(5))
			.until(() -> this.forwards.claimDue(10, Duration.ofMinutes(5)), (tasks) -> tasks.size() == 1);
	}

	@Test
	void aDeliveryNeverMovesACaseBackButIsAlwaysInItsHistory() {
		CaseDraft draft = draft(new ChannelRef(UUID.randomUUID().toString(), ChannelRef.Kind.CHANNEL));
		this.cases.record(newCase(draft, new byte[0]));
		ForwardTask task = this.forwards.claimDue(10, Duration.ofMinutes(1)).get(0);
		// the platform's callback overtook the gateway's record of its own forward
		this.cases.transition(draft.caseNumber(), (current, reporters) -> new StatusChange.Move(
				new StatusEvent(CaseStatus.DISPATCHED, Instant.now(), "platform:p", null), "P-9", List.of()));
		this.forwards.delivered(task, "P-9", Instant.now());

		CaseRecord found = this.cases.find(draft.caseNumber()).orElseThrow();
		assertThat(found.draft().status()).isEqualTo(CaseStatus.DISPATCHED);
		assertThat(found.draft().platformCaseId()).isEqualTo("P-9");
		assertThat(found.history()).extracting(StatusEvent::status).contains(CaseStatus.FORWARDED);
	}

	@Test
	void aStatusChangeQueuesItsTextsInTheSameTransactionAndARefusalWritesNothing() {
		CaseDraft draft = draft(new ChannelRef(UUID.randomUUID().toString(), ChannelRef.Kind.CHANNEL));
		this.cases.record(newCase(draft, new byte[0]));
		StatusUpdateResult applied = this.cases.transition(draft.caseNumber(),
				(current, reporters) -> new StatusChange.Move(
						new StatusEvent(CaseStatus.ACCEPTED, Instant.now(), "platform:p", "签收"), null,
						reporters.stream().map((r) -> OutboundText.reply(r.mobile(), "已签收")).toList()));
		assertThat(applied).isEqualTo(new StatusUpdateResult.Applied(draft.caseNumber(), CaseStatus.ACCEPTED, 1));
		assertThat(smsFor(draft)).containsExactly("已签收");

		StatusUpdateResult refused = this.cases.transition(draft.caseNumber(),
				(current, reporters) -> new StatusChange.Refuse(StatusUpdateResult.Reason.CONFLICT,
						"not from " + current.status()));
		assertThat(refused).isInstanceOf(StatusUpdateResult.Refused.class);
		assertThat(this.cases.find(draft.caseNumber()).orElseThrow().draft().status()).isEqualTo(CaseStatus.ACCEPTED);
		assertThat(smsFor(draft)).hasSize(1);
		assertThat(this.cases.transition(new CaseNumber("QH20990101-999999"), (c, r) -> {
			throw new AssertionError("no case, no decision");
		})).isEqualTo(new StatusUpdateResult.Refused(StatusUpdateResult.Reason.NOT_FOUND, "no case QH20990101-999999"));
	}

	@Test
	void deadLettersWaitForAnOperatorsReplay() {
		CaseDraft draft = draft(new ChannelRef(UUID.randomUUID().toString(), ChannelRef.Kind.CHANNEL));
		this.cases.record(newCase(draft, new byte[0]));
		ForwardTask task = this.forwards.claimDue(10, Duration.ofMillis(1)).get(0);
		this.forwards.deadLetter(task, "HTTP 400: bad grid");
		assertThat(this.forwards.claimDue(10, Duration.ofMinutes(1))).isEmpty();
		assertThat(this.forwards.replayDeadLetters()).isEqualTo(1);
		assertThat(this.forwards.claimDue(10, Duration.ofMinutes(1))).extracting(ForwardTask::id)
			.containsExactly(task.id());
	}

	@Test
	void aListingIsTheWindowsCasesNewestFirstNarrowedByCategoryAndStatus() {
		// a window of its own, far from the other tests' cases
		CaseDraft older = received(draft(channelRef()), "2001-03-01T08:00:00Z", "1109", CaseStatus.LOCATED, null);
		CaseDraft lamp = received(draft(channelRef()), "2001-03-02T08:00:00Z", "0101", CaseStatus.LOCATED, null);
		CaseDraft closed = received(draft(channelRef()), "2001-03-03T08:00:00Z", "1109", CaseStatus.CLOSED, null);
		CaseDraft repeat = received(draft(channelRef()), "2001-03-01T09:00:00Z", "1109", CaseStatus.MERGED, older.id());
		CaseDraft outside = received(draft(channelRef()), "2001-03-05T08:00:00Z", "1109", CaseStatus.LOCATED, null);
		for (CaseDraft draft : List.of(older, lamp, closed, repeat, outside)) {
			this.cases.record(newCase(draft, new byte[0]));
		}
		Instant from = Instant.parse("2001-03-01T00:00:00Z");
		Instant to = Instant.parse("2001-03-04T00:00:00Z");

		List<CaseRecord> all = this.cases.search(new CaseQuery(from, to, java.util.Set.of(), java.util.Set.of(), 10));
		assertThat(all).extracting((found) -> found.draft().id())
			.containsExactly(closed.id(), lamp.id(), repeat.id(), older.id());
		CaseRecord master = all.get(3);
		assertThat(master.draft()).isEqualTo(older);
		assertThat(master.reports()).isEqualTo(2);
		assertThat(master.history()).extracting(StatusEvent::status)
			.containsExactly(CaseStatus.RECEIVED, CaseStatus.LOCATED);

		assertThat(this.cases.search(new CaseQuery(from, to, java.util.Set.of("1109"),
				java.util.Set.of(CaseStatus.LOCATED, CaseStatus.CLOSED), 10)))
			.extracting((found) -> found.draft().id())
			.containsExactly(closed.id(), older.id());
		assertThat(this.cases.search(new CaseQuery(from, to, java.util.Set.of(), java.util.Set.of(), 1)))
			.extracting((found) -> found.draft().id())
			.containsExactly(closed.id());
		assertThat(this.cases.search(new CaseQuery(from, to, java.util.Set.of("9999"), java.util.Set.of(), 10)))
			.isEmpty();
	}

	private static ChannelRef channelRef() {
		return new ChannelRef(UUID.randomUUID().toString(), ChannelRef.Kind.CHANNEL);
	}

	private static CaseDraft received(CaseDraft d, String at, String category, CaseStatus status, UUID masterCaseId) {
		return new CaseDraft(d.id(), d.caseNumber(), d.channel(), d.channelRef(), Instant.parse(at), d.reporter(),
				d.description(), category, d.location(), d.reportedPoint(), d.address(), d.grid(),
				d.gridRegistryVersion(), d.alternativeGrid(), d.locationEvidence(), masterCaseId, status, d.route(),
				d.platformCaseId(), d.origin());
	}

	private List<String> smsFor(CaseDraft draft) {
		return jdbc.sql("select body from sms_outbox where case_id = ? order by id")
			.param(draft.id())
			.query(String.class)
			.list();
	}

	private CaseDraft draft(ChannelRef ref) {
		long serial = this.cases.nextSerial();
		GridChain chain = new GridChain(new GridUnit("110199", "青河区", GridLevel.DISTRICT),
				new GridUnit("110199005", "北新街道", GridLevel.STREET),
				new GridUnit("110199005001", "兴华社区", GridLevel.COMMUNITY),
				new GridUnit("110199005001029", "兴华社区第29网格", GridLevel.GRID));
		return new CaseDraft(UUID.randomUUID(), CaseNumber.of("QH", java.time.LocalDate.of(2026, 7, 1), serial),
				Channel.PORTAL, ref, Instant.parse("2026-07-01T01:02:03.456Z"),
				new Reporter(new Mobile("13800138000"), true), "饭馆油烟直排", "1109", new GeoPoint(116.405278, 39.913079),
				new ReportedPoint(new GeoPoint(116.411522, 39.914483), Crs.GCJ02, 12.0), "双榆街115号", chain,
				"sha256:test", new GridUnit("110199005001030", "兴华社区第30网格", GridLevel.GRID),
				new LocationEvidence(LocationEvidence.Source.POINT,
						new PlaceMatch(new GeoPoint(116.4051, 39.9131), 0, 8, "双榆街115号楼下", MatchKind.DOOR_EXACT, 0.93,
								"双榆街115号"),
						21.5, false),
				null, CaseStatus.LOCATED,
				new RouteDecision("qh-streets", GridLevel.STREET, "110199005", "category 1109", false), null,
				org.gridintake.routes.casedraft.ReportOrigin.gridWorker("W-0042", Instant.parse("2026-07-01T00:40:00Z"),
						true, java.util.List.of("https://media.example/1.jpg", "https://media.example/2.jpg")));
	}

	private static NewCase newCase(CaseDraft draft, byte[] raw) {
		return new NewCase(draft, new RawMessage("application/json", raw),
				List.of(new StatusEvent(CaseStatus.RECEIVED, draft.receivedAt(), StatusEvent.GATEWAY, "received"),
						new StatusEvent(CaseStatus.LOCATED, draft.receivedAt(), StatusEvent.GATEWAY, "located")),
				"qh-streets", null);
	}

}
