package org.gridintake.adapters.platform;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.gridintake.adapters.postgres.PostgresAdapters;
import org.gridintake.adapters.testing.TestServers;
import org.gridintake.routes.casedraft.CaseDraft;
import org.gridintake.routes.casedraft.CaseNumber;
import org.gridintake.routes.casedraft.CaseStatus;
import org.gridintake.routes.casedraft.CaseStore;
import org.gridintake.routes.casedraft.Channel;
import org.gridintake.routes.casedraft.ChannelRef;
import org.gridintake.routes.casedraft.Mobile;
import org.gridintake.routes.casedraft.NewCase;
import org.gridintake.routes.casedraft.RawMessage;
import org.gridintake.routes.casedraft.ReportOrigin;
import org.gridintake.routes.casedraft.Reporter;
import org.gridintake.routes.casedraft.StatusEvent;
import org.gridintake.routes.casedraft.StatusUpdateResult;
import org.gridintake.routes.forward.CircuitBreakers;
import org.gridintake.routes.forward.Forwarder;
import org.gridintake.routes.forward.ForwardTask;
import org.gridintake.routes.forward.RetryPolicy;
import org.gridintake.routes.geo.GeoPoint;
import org.gridintake.routes.geo.GridChain;
import org.gridintake.routes.geo.GridLevel;
import org.gridintake.routes.geo.GridUnit;
import org.gridintake.routes.geo.LocationEvidence;
import org.gridintake.routes.notify.SmsTemplates;
import org.gridintake.routes.routing.PlatformDirectory;
import org.gridintake.routes.routing.PlatformEndpoint;
import org.gridintake.routes.routing.PlatformProtocol;
import org.gridintake.routes.routing.RouteDecision;
import org.gridintake.routes.routing.Taxonomy;
import org.gridintake.routes.sms.QuietHours;
import org.gridintake.routes.status.PlatformStatusReport;
import org.gridintake.routes.status.PlatformStatusUpdater;
import org.gridintake.routes.status.StatusPoller;
import org.gridintake.routes.status.StatusPollQueue.PollTask;
import org.springframework.jdbc.core.simple.JdbcClient;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Forwarding and status polling with the real platform clients against WireMock platforms
 * (JSON and Open311 GeoReport v2) and a real PostgreSQL.
 */
class PlatformForwardingTest {

	private static final GridChain CHAIN = new GridChain(new GridUnit("110199", "青河区", GridLevel.DISTRICT),
			new GridUnit("110199005", "北新街道", GridLevel.STREET),
			new GridUnit("110199005001", "兴华社区", GridLevel.COMMUNITY),
			new GridUnit("110199005001029", "兴华社区第29网格", GridLevel.GRID));

	private static final WireMockServer PLATFORM = new WireMockServer(
			WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));

	private static HikariDataSource dataSource;

	private static PostgresAdapters postgres;

	private static JdbcClient jdbc;

	private PlatformDirectory platforms;

	@BeforeAll
	static void servers() {
		PLATFORM.start();
		dataSource = TestServers.postgres().migratedDatabase("adapters_platforms");
		postgres = PostgresAdapters.over(dataSource);
		jdbc = JdbcClient.create(dataSource);
	}

	@AfterAll
	static void stop() {
		PLATFORM.stop();
		dataSource.close();
	}

	@BeforeEach
	void freshPlatforms() {
		PLATFORM.resetAll();
		jdbc.sql("update forward_outbox set state = 'DONE' where state <> 'DONE'").update();
		this.platforms = new PlatformDirectory(List.of(
				new PlatformEndpoint("json-street", "街道平台", GridLevel.STREET, "110199",
						URI.create(PLATFORM.baseUrl() + "/json/cases"), false, "secret",
						new PlatformProtocol(PlatformProtocol.Type.JSON, null, Map.of(), Duration.ofMinutes(1),
								Map.of("done", CaseStatus.RESOLVED))),
				new PlatformEndpoint("o311-street", "街道Open311", GridLevel.STREET, "110199",
						URI.create(PLATFORM.baseUrl() + "/open311/v2"), false, "secret",
						new PlatformProtocol(PlatformProtocol.Type.OPEN311, "o311-key", Map.of("1109", "cooking-fumes"),
								Duration.ofMinutes(1), Map.of()))));
	}

	@Test
	void anOpen311PlatformIsConfigurationOnlyAndGetsTheCaseAsTheSpecsForm() {
		PLATFORM.stubFor(post(urlPathEqualTo("/open311/v2/requests.json")).willReturn(aResponse().withStatus(201)
			.withHeader("Content-Type", "application/json")
			.withBody("[{\"service_request_id\":\"SR-638344\",\"service_notice\":\"\"}]")));
		CaseDraft draft = record("o311-street", "13800138001");

		drain(forwarder(clients(Duration.ofSeconds(5))));

		List<LoggedRequest> posts = PLATFORM.findAll(postRequestedFor(urlPathEqualTo("/open311/v2/requests.json")));
		assertThat(posts).hasSize(1);
		LoggedRequest form = posts.get(0);
		assertThat(form.getHeader("Content-Type")).startsWith("application/x-www-form-urlencoded");
		assertThat(form.formParameters()).satisfies((fields) -> {
			assertThat(fields.get("api_key").firstValue()).isEqualTo("o311-key");
			assertThat(fields.get("service_code").firstValue()).isEqualTo("cooking-fumes");
			assertThat(fields.get("lat").firstValue()).isEqualTo("39.913079");
			assertThat(fields.get("long").firstValue()).isEqualTo("116.405278");
			assertThat(fields.get("address_string").firstValue()).isEqualTo("双榆街115号");
			assertThat(fields.get("description").firstValue()).isEqualTo("饭馆油烟直排，熏得受不了");
			assertThat(fields.get("media_url").firstValue()).isEqualTo("https://media.example/1.jpg");
			assertThat(fields.get("attribute[case_number]").firstValue()).isEqualTo(draft.caseNumber().value());
			assertThat(fields.get("attribute[report_count]").firstValue()).isEqualTo("1");
			// the platform may not see the number, so it is not sent at all
			assertThat(fields.containsKey("phone")).isFalse();
		});
		CaseDraft stored = postgres.caseStore().find(draft.caseNumber()).orElseThrow().draft();
		assertThat(stored.platformCaseId()).isEqualTo("SR-638344");
		assertThat(stored.status()).isEqualTo(CaseStatus.FORWARDED);
	}

	@Test
	void anOpen311ErrorAnswerIsARefusalWithTheSpecsDescription() {
		PLATFORM.stubFor(post(urlPathEqualTo("/open311/v2/requests.json")).willReturn(aResponse().withStatus(400)
			.withHeader("Content-Type", "application/json")
			.withBody("[{\"code\":400,\"description\":\"service_code cooking-fumes not found\"}]")));
		CaseDraft draft = record("o311-street", "13800138002");

		drain(forwarder(clients(Duration.ofSeconds(5))));

		assertThat(jdbc.sql("select state || ' ' || last_error from forward_outbox where case_id = ?")
			.param(draft.id())
			.query(String.class)
			.single()).isEqualTo("DEAD refused: HTTP 400: service_code cooking-fumes not found");
	}

	@Test
	void aPlatformDownForAWhileGetsTheCaseExactlyOnceWhenItIsBack() {
		PLATFORM.stubFor(post(urlEqualTo("/json/cases")).inScenario("down")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(aResponse().withStatus(503))
			.willSetStateTo("still down"));
		PLATFORM.stubFor(post(urlEqualTo("/json/cases")).inScenario("down")
			.whenScenarioStateIs("still down")
			.willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER))
			.willSetStateTo("back"));
		PLATFORM.stubFor(post(urlEqualTo("/json/cases")).inScenario("down")
			.whenScenarioStateIs("back")
			.willReturn(aResponse().withStatus(201)
				.withHeader("Content-Type", "application/json")
				.withBody("{\"platform_case_id\":\"JS-1\"}")));
		CaseDraft draft = record("json-street", "13800138003");

		drain(forwarder(clients(Duration.ofSeconds(5))));

		List<LoggedRequest> posts = PLATFORM.findAll(postRequestedFor(urlEqualTo("/json/cases")));
		assertThat(posts).hasSize(3);
		assertThat(posts).extracting((request) -> request.getHeader("Idempotency-Key"))
			.containsOnly(posts.get(0).getHeader("Idempotency-Key"));
		assertThat(postgres.caseStore().find(draft.caseNumber()).orElseThrow().draft().platformCaseId())
			.isEqualTo("JS-1");
		assertThat(outboxStates(draft)).containsExactly("DONE");
	}

	@Test
	void aPlatformTooSlowToAnswerIsTriedAgain() {
		PLATFORM.stubFor(post(urlEqualTo("/json/cases")).inScenario("slow")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(aResponse().withStatus(201).withFixedDelay(2_000))
			.willSetStateTo("quick"));
		PLATFORM.stubFor(post(urlEqualTo("/json/cases")).inScenario("slow")
			.whenScenarioStateIs("quick")
			.willReturn(aResponse().withStatus(201).withBody("{\"platform_case_id\":\"JS-2\"}")));
		CaseDraft draft = record("json-street", "13800138004");

		drain(forwarder(clients(Duration.ofMillis(300))));

		assertThat(PLATFORM.findAll(postRequestedFor(urlEqualTo("/json/cases")))).hasSize(2);
		assertThat(jdbc.sql("select failed_attempts from forward_outbox where case_id = ?")
			.param(draft.id())
			.query(Integer.class)
			.single()).isEqualTo(1);
		assertThat(postgres.caseStore().find(draft.caseNumber()).orElseThrow().draft().platformCaseId())
			.isEqualTo("JS-2");
	}

	@Test
	void twoInstancesSharingOneDatabaseForwardEachCaseOnce() throws Exception {
		PLATFORM.stubFor(post(urlEqualTo("/json/cases")).willReturn(
				aResponse().withStatus(201).withUniformRandomDelay(0, 5).withBody("{\"platform_case_id\":\"JS\"}")));
		List<CaseDraft> drafts = new ArrayList<>();
		for (int i = 0; i < 200; i++) {
			drafts.add(record("json-street", "13800138005"));
		}
		// each instance with its own pool, breakers and HTTP client, as two processes
		// would
		List<HikariDataSource> pools = List.of(poolToTheSameDatabase(), poolToTheSameDatabase());
		try {
			List<Callable<Integer>> instances = new ArrayList<>();
			for (HikariDataSource pool : pools) {
				Forwarder forwarder = forwarder(PostgresAdapters.over(pool), clients(Duration.ofSeconds(5)));
				instances.add(() -> {
					int sent = 0;
					List<ForwardTask> batch;
					while (!(batch = forwarder.claimBatch()).isEmpty()) {
						for (ForwardTask task : batch) {
							forwarder.forward(task);
							sent++;
						}
					}
					return sent;
				});
			}
			ExecutorService threads = Executors.newFixedThreadPool(2);
			List<Integer> sentByInstance = new ArrayList<>();
			try {
				for (Future<Integer> run : threads.invokeAll(instances)) {
					sentByInstance.add(run.get());
				}
			}
			finally {
				threads.shutdown();
			}
			assertThat(sentByInstance).allSatisfy((sent) -> assertThat(sent).isPositive());
		}
		finally {
			pools.forEach(HikariDataSource::close);
		}
		Map<String, Long> postsByCase = PLATFORM.findAll(postRequestedFor(urlEqualTo("/json/cases")))
			.stream()
			.map((request) -> request.getBodyAsString().replaceAll(".*\"case_number\":\"([^\"]+)\".*", "$1"))
			.collect(Collectors.groupingBy((caseNumber) -> caseNumber, Collectors.counting()));
		assertThat(postsByCase).hasSize(200)
			.containsOnlyKeys(drafts.stream().map((d) -> d.caseNumber().value()).toList())
			.allSatisfy((caseNumber, posts) -> assertThat(posts).isEqualTo(1L));
		assertThat(jdbc
			.sql("select distinct state from forward_outbox where case_id in (select id from report_case "
					+ "where description = '饭馆油烟直排，熏得受不了' and reporter_mobile = '13800138005')")
			.query(String.class)
			.list()).containsExactly("DONE");
	}

	@Test
	void pollingAnOpen311PlatformTurnsClosedIntoAClosedCaseTextedToEveryReporterWhoDidNotOptOut() {
		PLATFORM.stubFor(post(urlPathEqualTo("/open311/v2/requests.json")).willReturn(
				aResponse().withStatus(201).withBody("[{\"service_request_id\":\"SR-" + UUID.randomUUID() + "\"}]")));
		CaseDraft master = record("o311-street", "13800138011");
		drain(forwarder(clients(Duration.ofSeconds(5))));
		String requestId = postgres.caseStore().find(master.caseNumber()).orElseThrow().draft().platformCaseId();
		attachDuplicate(master, "13800138012");
		attachDuplicate(master, "13800138013");
		postgres.smsResidents().optOut(new Mobile("13800138013"), Instant.now());
		PLATFORM.stubFor(get(urlPathEqualTo("/open311/v2/requests/" + requestId + ".json"))
			.withQueryParam("api_key", equalTo("o311-key"))
			.willReturn(aResponse().withStatus(200)
				.withHeader("Content-Type", "application/json; charset=utf-8")
				.withBody("[{\"service_request_id\":\"" + requestId + "\",\"status\":\"closed\","
						+ "\"status_notes\":\"油烟净化器已安装\",\"updated_datetime\":\"2026-07-02T10:00:00+08:00\"}]")));
		StatusPoller poller = poller();

		List<PlatformStatusReport> reports = pollDue(poller, master);

		assertThat(reports).containsExactly(new PlatformStatusReport("o311-street", master.caseNumber().value(),
				"CLOSED", "油烟净化器已安装", requestId, Instant.parse("2026-07-02T02:00:00Z")));
		StatusUpdateResult applied = updater().apply(reports.get(0));
		assertThat(applied).isInstanceOf(StatusUpdateResult.Applied.class);
		assertThat(postgres.caseStore().find(master.caseNumber()).orElseThrow().draft().status())
			.isEqualTo(CaseStatus.CLOSED);
		assertThat(jdbc.sql("select mobile || ' ' || body from sms_outbox where case_id = ? order by mobile")
			.param(master.id())
			.query(String.class)
			.list()).containsExactly("13800138011 案件" + master.caseNumber().value() + "已结案：油烟净化器已安装",
					"13800138012 案件" + master.caseNumber().value() + "已结案：油烟净化器已安装");
		// within the interval the case is not asked about again, and a closed case never
		assertThat(poller.claimBatch()).extracting(PollTask::caseNumber).doesNotContain(master.caseNumber().value());
		jdbc.sql("update report_case set next_poll_at = null where id = ?").param(master.id()).update();
		assertThat(poller.claimBatch()).extracting(PollTask::caseNumber).doesNotContain(master.caseNumber().value());
		assertThat(PLATFORM.findAll(getRequestedFor(urlPathEqualTo("/open311/v2/requests/" + requestId + ".json"))))
			.hasSize(1);
	}

	@Test
	void pollingAJsonPlatformReportsAChangeOnceAndAnUnchangedStatusNotAtAll() {
		PLATFORM.stubFor(post(urlEqualTo("/json/cases")).willReturn(aResponse().withStatus(201)));
		CaseDraft draft = record("json-street", "13800138021");
		drain(forwarder(clients(Duration.ofSeconds(5))));
		String path = "/json/cases/" + draft.caseNumber().value();
		PLATFORM.stubFor(get(urlEqualTo(path)).willReturn(aResponse().withStatus(200)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"status\":\"DISPATCHED\",\"note\":\"网格员已出发\",\"updated_at\":\"2026-07-02T09:00:00+08:00\"}")));
		StatusPoller poller = poller();

		List<PlatformStatusReport> reports = pollDue(poller, draft);
		assertThat(reports).extracting(PlatformStatusReport::status, PlatformStatusReport::note)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("DISPATCHED", "网格员已出发"));
		updater().apply(reports.get(0));

		jdbc.sql("update report_case set next_poll_at = null where id = ?").param(draft.id()).update();
		assertThat(pollDue(poller, draft)).isEmpty();

		// the platform's own word, mapped by configuration
		PLATFORM.stubFor(get(urlEqualTo(path))
			.willReturn(aResponse().withStatus(200).withBody("{\"status\":\"done\",\"note\":null}")));
		jdbc.sql("update report_case set next_poll_at = null where id = ?").param(draft.id()).update();
		assertThat(pollDue(poller, draft)).extracting(PlatformStatusReport::status).containsExactly("RESOLVED");

		// a platform that is down is simply asked again next time
		PLATFORM.stubFor(get(urlEqualTo(path)).willReturn(aResponse().withStatus(503)));
		jdbc.sql("update report_case set next_poll_at = null where id = ?").param(draft.id()).update();
		assertThat(pollDue(poller, draft)).isEmpty();
	}

	private static HikariDataSource poolToTheSameDatabase() {
		HikariDataSource pool = new HikariDataSource();
		pool.setJdbcUrl(dataSource.getJdbcUrl());
		pool.setUsername(dataSource.getUsername());
		pool.setPassword(dataSource.getPassword());
		pool.setMaximumPoolSize(4);
		return pool;
	}

	private List<PlatformStatusReport> pollDue(StatusPoller poller, CaseDraft draft) {
		return poller.claimBatch()
			.stream()
			.filter((task) -> task.caseNumber().equals(draft.caseNumber().value()))
			.map(poller::poll)
			.filter(java.util.Objects::nonNull)
			.toList();
	}

	private StatusPoller poller() {
		return new StatusPoller(this.platforms, postgres.statusPolls(), clients(Duration.ofSeconds(5)).status(), 500);
	}

	private PlatformStatusUpdater updater() {
		return new PlatformStatusUpdater(postgres.caseStore(),
				new SmsTemplates(Map.of(CaseStatus.CLOSED, "案件{case_number}已结案：{note}", CaseStatus.DISPATCHED,
						"案件{case_number}已派遣")),
				new QuietHours(LocalTime.MIDNIGHT, LocalTime.MIDNIGHT, ZoneId.of("Asia/Shanghai")),
				postgres.smsResidents(), Duration.ofDays(7), Clock.systemUTC(), rerouter(postgres));
	}

	private static PlatformHttpAdapters.Clients clients(Duration requestTimeout) {
		return PlatformHttpAdapters.clients(Duration.ofSeconds(2), requestTimeout);
	}

	private Forwarder forwarder(PlatformHttpAdapters.Clients clients) {
		return forwarder(postgres, clients);
	}

	private Forwarder forwarder(PostgresAdapters store, PlatformHttpAdapters.Clients clients) {
		return new Forwarder(this.platforms, new Taxonomy(List.of()), clients.forwarding(), store.forwardQueue(),
				new RetryPolicy(5, Duration.ofMillis(10), Duration.ofMillis(50)),
				new CircuitBreakers(100, Duration.ofMillis(10), Clock.systemUTC()), Clock.systemUTC(), 20,
				// no re-routing here: these tests are about what each platform type
				// answers
				Duration.ofMinutes(5), SERVICE_LEVELS, null);
	}

	private static final org.gridintake.routes.sla.ServiceLevels SERVICE_LEVELS = new org.gridintake.routes.sla.ServiceLevels(
			new org.gridintake.routes.sla.ServiceLevels.Target(Duration.ofHours(2), 5), Map.of(),
			java.util.EnumSet.range(java.time.DayOfWeek.MONDAY, java.time.DayOfWeek.FRIDAY), java.util.Set.of(),
			ZoneId.of("Asia/Shanghai"));

	private org.gridintake.routes.routing.Rerouter rerouter(PostgresAdapters store) {
		return new org.gridintake.routes.routing.Rerouter(this.platforms, SERVICE_LEVELS, "110199", store.caseRouting(),
				Clock.systemUTC(), 50);
	}

	/** Sends until nothing is left to send, waiting out the short backoffs. */
	private static void drain(Forwarder forwarder) {
		await().atMost(Duration.ofSeconds(20)).until(() -> {
			forwarder.claimBatch().forEach(forwarder::forward);
			return jdbc.sql("select count(*) from forward_outbox where state = 'PENDING'")
				.query(Integer.class)
				.single() == 0;
		});
	}

	private static List<String> outboxStates(CaseDraft draft) {
		return jdbc.sql("select state from forward_outbox where case_id = ?")
			.param(draft.id())
			.query(String.class)
			.list();
	}

	private CaseDraft record(String platformId, String mobile) {
		CaseDraft draft = draft(platformId, mobile, CaseStatus.LOCATED);
		assertThat(postgres.caseStore()
			.record(new NewCase(draft, new RawMessage("application/json", "{}".getBytes(StandardCharsets.UTF_8)),
					List.of(new StatusEvent(CaseStatus.RECEIVED, draft.receivedAt(), StatusEvent.GATEWAY, "received")),
					platformId, null)))
			.isInstanceOf(CaseStore.RecordOutcome.Stored.class);
		return draft;
	}

	private void attachDuplicate(CaseDraft master, String mobile) {
		CaseDraft duplicate = draft(null, mobile, CaseStatus.MERGED);
		assertThat(postgres.caseStore()
			.attach(new NewCase(duplicate, new RawMessage("application/json", "{}".getBytes(StandardCharsets.UTF_8)),
					List.of(new StatusEvent(CaseStatus.MERGED, duplicate.receivedAt(), StatusEvent.GATEWAY, "merged")),
					null, null), master.caseNumber()))
			.isInstanceOf(CaseStore.AttachOutcome.Attached.class);
	}

	private static CaseDraft draft(String platformId, String mobile, CaseStatus status) {
		return new CaseDraft(UUID.randomUUID(), CaseNumber.of("QH", LocalDate.now(), postgres.caseStore().nextSerial()),
				Channel.PORTAL, new ChannelRef(UUID.randomUUID().toString(), ChannelRef.Kind.CHANNEL), Instant.now(),
				new Reporter(new Mobile(mobile), true), "饭馆油烟直排，熏得受不了", "1109", new GeoPoint(116.405278, 39.913079),
				null, "双榆街115号", CHAIN, "sha256:test", null, LocationEvidence.none(null), null, status,
				(platformId != null)
						? new RouteDecision(platformId, GridLevel.STREET, "110199005", "category 1109", false) : null,
				null, ReportOrigin.gridWorker("W-0042", Instant.now(), false, List.of("https://media.example/1.jpg")));
	}

}
