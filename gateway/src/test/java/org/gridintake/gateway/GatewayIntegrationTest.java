package org.gridintake.gateway;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.BeforeEach;

import org.gridintake.adapters.sms.simulator.SmscSimulator;
import org.gridintake.adapters.testing.TestServers;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The whole gateway against real servers: PostgreSQL and Redis (Testcontainers with
 * Docker, embedded otherwise), WireMock platforms and a jSMPP SMSC. Every subclass shares
 * one application context and one set of servers.
 */
@CamelSpringBootTest
@AutoConfigureObservability
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class GatewayIntegrationTest {

	static final String PLATFORM_SECRET = "integration-test-secret";

	static final String ADMIN_TOKEN = "integration-test-admin-token";

	/** Each client's key, by client id, as the integration tests configure them. */
	static final java.util.Map<String, String> CLIENT_KEYS = java.util.Map.of("call-centre",
			"it-call-centre-key-000000000001", "console", "it-console-key-00000000000000001", "portal",
			"it-portal-key-0000000000000000001", "field-app", "it-field-app-key-000000000000001");

	/** New reports one number may file per hour in these tests. */
	static final int REPORTS_PER_NUMBER = 30;

	static final WireMockServer PLATFORMS = new WireMockServer(
			WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));

	static final SmscSimulator SMSC = SmscSimulator.start(0);

	private static String jdbcUrl;

	static {
		PLATFORMS.start();
	}

	/** Sends each request with the key of the client that would call that endpoint. */
	@Autowired
	WebTestClient http;

	/** Sends requests as they are written: no key unless the test adds one. */
	WebTestClient anonymous;

	@Autowired
	JdbcClient jdbc;

	@DynamicPropertySource
	static void servers(DynamicPropertyRegistry registry) {
		registry.add("spring.datasource.url", GatewayIntegrationTest::database);
		registry.add("spring.datasource.username", () -> TestServers.postgres().username());
		registry.add("spring.datasource.password", () -> TestServers.postgres().password());
		registry.add("gateway.redis.uri", () -> TestServers.redis().uri());
		registry.add("gateway.smpp.host", () -> "127.0.0.1");
		registry.add("gateway.smpp.port", SMSC::port);
		registry.add("gateway.smpp.reconnect-initial-backoff", () -> "200ms");
		registry.add("gateway.smpp.reconnect-max-backoff", () -> "1s");
		registry.add("gateway.platform-base-url", PLATFORMS::baseUrl);
		for (String platform : new String[] { "qh-district", "qh-streets", "qh-communities", "donghua-street" }) {
			registry.add("gateway.secrets." + platform, () -> PLATFORM_SECRET);
		}
		registry.add("gateway.admin.token", () -> ADMIN_TOKEN);
		CLIENT_KEYS.forEach((client, key) -> registry.add("gateway.keys." + client, () -> key));
		registry.add("gateway.access.reports-per-number", () -> REPORTS_PER_NUMBER);
		// the servers' own shutdown hooks run beside Spring's: production drains
		// gracefully, a test JVM need not
		registry.add("server.shutdown", () -> "immediate");
		registry.add("spring.lifecycle.timeout-per-shutdown-phase", () -> "5s");
		registry.add("camel.springboot.shutdown-timeout", () -> "5");
		often(registry, "gateway.forward.poll-interval-ms", "100");
		// forwards a poll had claimed when PostgreSQL went away (FaultScenariosTest)
		// wait out their lease; production's 60 s would hold up later tests that wait
		// for the forward outbox to drain
		registry.add("gateway.forward.lease", () -> "15s");
		registry.add("gateway.forward.request-timeout", () -> "2s");
		registry.add("gateway.forward.retry.initial-backoff", () -> "100ms");
		registry.add("gateway.forward.retry.max-backoff", () -> "500ms");
		registry.add("gateway.forward.circuit-open-for", () -> "2s");
		often(registry, "gateway.sms.poll-interval-ms", "100");
		often(registry, "gateway.merge.catch-up-interval-ms", "300");
		often(registry, "gateway.figures.metrics-refresh", "1s");
		registry.add("gateway.sms.retry.initial-backoff", () -> "100ms");
		registry.add("gateway.sms.retry.max-backoff", () -> "500ms");
		often(registry, "gateway.sms.inbox-poll-interval-ms", "100");
		often(registry, "gateway.sms.parts-check-interval-ms", "300");
		registry.add("gateway.sms.parts-timeout", () -> "2s");
		registry.add("gateway.sms.max-reports-per-day", () -> "5");
		// the tests share a few numbers all day; the daily text limit has a test of its
		// own
		registry.add("gateway.sms.max-texts-per-number-per-day", () -> "100000");
		// quiet hours would hold progress texts whenever CI runs at night in Beijing;
		// QuietHoursTest covers them
		registry.add("gateway.sms.quiet-hours.start", () -> "00:00");
		registry.add("gateway.sms.quiet-hours.end", () -> "00:00");
	}

	/**
	 * Production values a benchmark restates for the shared test context's quick timings.
	 * Spring calls a test class's own {@code @DynamicPropertySource} methods before this
	 * class's, so this class's value for the same name would win; the quick timings read
	 * this map when Spring resolves them instead. Only benchmarks fill it, and they run
	 * in a JVM of their own ({@link BenchmarkReports#benchmarkSettings}).
	 */
	private static final java.util.Map<String, String> restated = new java.util.concurrent.ConcurrentHashMap<>();

	static void restate(DynamicPropertyRegistry registry, String name, String value) {
		restated.put(name, value);
		registry.add(name, () -> value);
	}

	/** A timing quicker than production's, so that a test sees its effect in seconds. */
	private static void often(DynamicPropertyRegistry registry, String name, String value) {
		registry.add(name, () -> restated.getOrDefault(name, value));
	}

	private static synchronized String database() {
		if (jdbcUrl == null) {
			jdbcUrl = TestServers.postgres().createDatabase("gateway_it");
		}
		return jdbcUrl;
	}

	@BeforeEach
	void clientsSendTheirKeys() {
		if (this.anonymous == null) {
			this.anonymous = this.http;
			this.http = this.http.mutate().filter((request, next) -> {
				String key = keyFor(request.method().name(), request.url().getPath());
				return next.exchange((key == null || request.headers().containsKey("Authorization")) ? request
						: org.springframework.web.reactive.function.client.ClientRequest.from(request)
							.header("Authorization", "Bearer " + key)
							.build());
			}).build();
		}
	}

	/** The client that calls an endpoint in production. */
	static String keyFor(String method, String path) {
		if (path.startsWith("/api/v1/hotline/")) {
			return CLIENT_KEYS.get("call-centre");
		}
		if (path.startsWith("/api/v1/console/")) {
			return CLIENT_KEYS.get("console");
		}
		if (path.startsWith("/api/v1/field/")) {
			return CLIENT_KEYS.get("field-app");
		}
		if (path.startsWith("/api/v1/reports") || path.startsWith("/api/v1/cases/") || path.startsWith("/open311/")
				|| path.startsWith("/api/v1/photos")) {
			return CLIENT_KEYS.get("portal");
		}
		return null;
	}

	@Autowired
	org.gridintake.routes.dedup.OpenCaseIndex openCases;

	/**
	 * Each test's incidents are its own: cases earlier tests left open must not absorb
	 * its reports as duplicates.
	 */
	@BeforeEach
	void noCaseIsOpenYet() {
		this.jdbc.sql("""
				update report_case set status = 'CLOSED' where master_case_id is null
				and status not in ('RESOLVED', 'CLOSED', 'MERGED')""").update();
		this.openCases.replaceAll(java.util.List.of());
	}

	@BeforeEach
	void platformsBookEveryCase() {
		PLATFORMS.resetAll();
		PLATFORMS.stubFor(WireMock.post(WireMock.urlPathMatching("/platforms/.+/cases"))
			.willReturn(WireMock.aResponse()
				.withStatus(201)
				.withHeader("Content-Type", "application/json")
				.withBody("{\"platform_case_id\":\"P-1\"}")));
		PLATFORMS
			.stubFor(WireMock.post(WireMock.urlPathMatching("/platforms/.+/cases/.+/(updates|withdrawal|reminders)"))
				.willReturn(WireMock.aResponse().withStatus(200)));
	}

	WebTestClient.ResponseSpec postReport(String json, String idempotencyKey) {
		return this.http.post().uri("/api/v1/reports").contentType(MediaType.APPLICATION_JSON).headers((headers) -> {
			if (idempotencyKey != null) {
				headers.add("Idempotency-Key", idempotencyKey);
			}
		}).bodyValue(json.getBytes(StandardCharsets.UTF_8)).exchange();
	}

	/** Posts a status change as a platform would, signed with its shared secret. */
	WebTestClient.ResponseSpec postStatus(String platformId, String json, String secret) {
		byte[] body = json.getBytes(StandardCharsets.UTF_8);
		String timestamp = Long.toString(Instant.now().getEpochSecond());
		return this.http.post()
			.uri("/api/v1/platforms/{id}/status", platformId)
			.contentType(MediaType.APPLICATION_JSON)
			.header("X-Gateway-Timestamp", timestamp)
			.header("X-Gateway-Signature", "sha256=" + TestSignatures.hmac(secret, timestamp, body))
			.bodyValue(body)
			.exchange();
	}

	/** The case number of a report the gateway must have accepted. */
	static String acceptedCaseNumber(WebTestClient.ResponseSpec response) {
		return (String) response.expectStatus()
			.isAccepted()
			.expectBody(java.util.Map.class)
			.returnResult()
			.getResponseBody()
			.get("case_number");
	}

	/** The texts the SMSC received for one number, oldest first. */
	static java.util.List<String> textsTo(String mobile) {
		return SMSC.received()
			.stream()
			.filter((sms) -> sms.destination().endsWith(mobile))
			.map(org.gridintake.adapters.sms.simulator.ReceivedSms::text)
			.toList();
	}

	int casesWithText(String text) {
		return this.jdbc.sql("select count(*) from report_case where description = ?")
			.param(text)
			.query(Integer.class)
			.single();
	}

	/**
	 * Photos go to a directory of this test run, published under an absolute URL as in
	 * production, with limits small enough to reach quickly.
	 */
	@DynamicPropertySource
	static void media(DynamicPropertyRegistry registry) {
		registry.add("gateway.media.directory", GatewayIntegrationTest::mediaDirectory);
		registry.add("gateway.media.public-base-url", () -> MEDIA_BASE_URL);
		registry.add("gateway.media.max-photo-size", () -> "256KB");
		registry.add("gateway.media.max-request-size", () -> "700KB");
	}

	/**
	 * Routing rules from a copy of the city's file that a test may rewrite (and must put
	 * back), checked often; and one category, 非机动车乱停 1107, with a one-second time to
	 * accept, so an escalation happens within a test.
	 */
	@DynamicPropertySource
	static void routing(DynamicPropertyRegistry registry) {
		registry.add("gateway.routing.rules-file", () -> routingRules().toString());
		registry.add("gateway.routing.rules-check-interval", () -> "100ms");
		often(registry, "gateway.routing.escalation-check-interval-ms", "200");
		often(registry, "gateway.service-levels.by-category." + FAST_ACCEPT_CATEGORY + ".accept", "1s");
		registry.add("gateway.service-levels.by-category." + FAST_ACCEPT_CATEGORY + ".resolve-working-days", () -> "5");
	}

	static final String FAST_ACCEPT_CATEGORY = "1107";

	private static java.nio.file.Path routingRules;

	static synchronized java.nio.file.Path routingRules() {
		if (routingRules == null) {
			try {
				routingRules = java.nio.file.Files.createTempFile("gateway-it-routing-rules", ".yaml");
				java.nio.file.Files.copy(java.nio.file.Path.of(System.getProperty("gateway.config-dir", "../config"),
						"routing-rules.yaml"), routingRules, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
			}
			catch (java.io.IOException ex) {
				throw new java.io.UncheckedIOException(ex);
			}
		}
		return routingRules;
	}

	static final String MEDIA_BASE_URL = "https://gridintake.example.test/media/";

	private static java.nio.file.Path mediaDirectory;

	private static synchronized String mediaDirectory() {
		if (mediaDirectory == null) {
			try {
				mediaDirectory = java.nio.file.Files.createTempDirectory("gateway-it-media");
			}
			catch (java.io.IOException ex) {
				throw new java.io.UncheckedIOException(ex);
			}
		}
		return mediaDirectory.toString();
	}

}
