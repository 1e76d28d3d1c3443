package org.gridintake.gateway;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.gridintake.gateway.FaultReports.Channel;
import org.gridintake.gateway.FaultReports.FaultReport;
import org.gridintake.adapters.sms.simulator.SmscSimulator;
import org.gridintake.adapters.testing.TestServers;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Scenario 5: the gateway killed with SIGKILL in the middle of a burst. The gateway runs
 * as a child JVM, as in production, against this JVM's PostgreSQL and Redis (a database
 * and a Redis database of its own), stub platforms and SMSC simulator. Portal and SMS
 * senders keep filing distinct reports and what each was answered; the gateway is killed
 * once 80 are acknowledged ({@code -Dfaults.kill=N}), started again, and the senders file
 * what was not acknowledged again.
 */
class GatewayKillTest {

	private static final Logger log = LoggerFactory.getLogger(GatewayKillTest.class);

	/** Reports acknowledged before the kill. */
	private static final int KILL_AFTER = Integer.getInteger("faults.kill", 80);

	private static final String SHORT_CODE = "12345";

	private static final String PORTAL_KEY = "kill-portal-key-000000000000001";

	private static final ObjectMapper JSON = new ObjectMapper();

	private static final Duration START_WAIT = Duration.ofSeconds(180);

	private static WireMockServer platforms;

	private static SmscSimulator smsc;

	private static HikariDataSource dataSource;

	private static JdbcClient jdbc;

	private static String jdbcUrl;

	private static Path mediaDirectory;

	private final HttpClient http = HttpClient.newBuilder()
		.connectTimeout(Duration.ofSeconds(2))
		.version(HttpClient.Version.HTTP_1_1)
		.build();

	private final List<ChildProcess> started = new ArrayList<>();

	@BeforeAll
	static void servers() throws IOException {
		platforms = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
		platforms.start();
		platforms.stubFor(WireMock.post(WireMock.urlPathMatching("/platforms/.+/cases"))
			.willReturn(WireMock.aResponse()
				.withStatus(201)
				.withHeader("Content-Type", "application/json")
				.withBody("{\"platform_case_id\":\"P-1\"}")));
		platforms
			.stubFor(WireMock.post(WireMock.urlPathMatching("/platforms/.+/cases/.+/(updates|withdrawal|reminders)"))
				.willReturn(WireMock.aResponse().withStatus(200)));
		smsc = SmscSimulator.start(0);
		jdbcUrl = TestServers.postgres().createDatabase("gateway_kill");
		dataSource = new HikariDataSource();
		dataSource.setJdbcUrl(jdbcUrl);
		dataSource.setUsername(TestServers.postgres().username());
		dataSource.setPassword(TestServers.postgres().password());
		dataSource.setMaximumPoolSize(4);
		jdbc = JdbcClient.create(dataSource);
		mediaDirectory = Files.createTempDirectory("gateway-kill-media");
	}

	@AfterAll
	static void stopServers() {
		if (dataSource != null) {
			dataSource.close();
		}
		if (smsc != null) {
			smsc.close();
		}
		if (platforms != null) {
			platforms.stop();
		}
	}

	@AfterEach
	void noGatewayLeftRunning() {
		this.started.forEach(ChildProcess::close);
	}

	@Test
	void afterAKillMidBurstEveryAcknowledgedReportIsStoredOnceAndForwarded() throws Exception {
		String run = UUID.randomUUID().toString().substring(0, 6);
		int port = freePort();
		long startedAt = System.nanoTime();
		ChildProcess first = startGateway(port, 1);
		awaitUp(first, port, 1);
		log.info("Kill: first gateway up after {} ms", millisSince(startedAt));

		List<Sent> sent = Collections.synchronizedList(new ArrayList<>());
		AtomicBoolean killed = new AtomicBoolean();
		AtomicInteger next = new AtomicInteger();
		ExecutorService senders = Executors.newFixedThreadPool(4);
		List<Future<?>> running = new ArrayList<>();
		try {
			for (int s = 0; s < 4; s++) {
				// three portal senders to one SMSC: the portal is where bursts come from
				boolean sms = s == 3;
				running.add(senders.submit(() -> {
					// no end of reports before the kill, so it always comes mid-burst;
					// after it, each sender stops at its first refusal, as a peer backs
					// off
					while (true) {
						int i = next.getAndIncrement();
						FaultReport report = sms ? FaultReports.sms(run, i) : FaultReports.portal("kill-", run, i);
						Answer answer = send(port, report);
						sent.add(new Sent(report, answer));
						if (killed.get() && answer.kind() != Kind.ACCEPTED) {
							return null;
						}
					}
				}));
			}
			await().atMost(Duration.ofSeconds(120)).until(() -> acknowledged(sent).size() >= KILL_AFTER);
			first.killAbruptly();
			killed.set(true);
			assertThat(first.waitFor(Duration.ofSeconds(30))).isTrue();
			List<Sent> beforeTheKill = acknowledged(sent);
			log.info("Kill: first gateway killed (exit {}) with {} of {} reports acknowledged", first.exitValue(),
					beforeTheKill.size(), sent.size());

			// before any restart: everything acknowledged is in PostgreSQL, portal
			// reports as cases, texts in the SMS inbox (acting on them is the next
			// instance's work)
			Map<String, List<String>> cases = casesByText(run);
			for (Sent answer : beforeTheKill) {
				if (answer.report().channel() == Channel.PORTAL) {
					assertThat(cases.get(answer.report().text())).as(answer.report().text())
						.containsExactly(answer.answer().caseNumber());
				}
				else {
					assertThat(inboxCopies(answer.report())).as(answer.report().text()).isOne();
				}
			}

			long restartedAt = System.nanoTime();
			ChildProcess second = startGateway(port, 2);
			awaitUp(second, port, 2);
			log.info("Kill: second gateway up after {} ms", millisSince(restartedAt));
			for (Future<?> sender : running) {
				sender.get(120, TimeUnit.SECONDS);
			}
		}
		finally {
			senders.shutdownNow();
		}
		List<Sent> answers = List.copyOf(sent);
		assertThat(answers).filteredOn((answer) -> answer.answer().kind() == Kind.OTHER)
			.as("answers that are neither an acknowledgement nor a refusal to retry")
			.isEmpty();
		List<Sent> acknowledged = acknowledged(answers);
		List<Sent> unacknowledged = answers.stream()
			.filter((answer) -> answer.answer().kind() != Kind.ACCEPTED)
			.toList();
		assertThat(unacknowledged).as("the kill came mid-burst").isNotEmpty();
		log.info("Kill: retrying {} unacknowledged reports", unacknowledged.size());
		List<Sent> retried = new ArrayList<>();
		for (Sent refused : unacknowledged) {
			Answer again = await().atMost(Duration.ofSeconds(60))
				.until(() -> send(port, refused.report()), (answer) -> answer.kind() == Kind.ACCEPTED);
			retried.add(new Sent(refused.report(), again));
		}

		// counted: every report stored exactly once, an acknowledged one under the number
		// it was given, and each forwarded
		Set<String> texts = answers.stream().map((answer) -> answer.report().text()).collect(Collectors.toSet());
		assertThat(texts).hasSize(answers.size());
		await().atMost(Duration.ofSeconds(60)).until(() -> casesByText(run).keySet().containsAll(texts));
		Map<String, List<String>> stored = casesByText(run);
		assertThat(stored).hasSize(answers.size())
			.allSatisfy((text, numbers) -> assertThat(numbers).as(text).hasSize(1));
		for (Sent answer : acknowledged) {
			if (answer.answer().caseNumber() != null) {
				assertThat(stored.get(answer.report().text())).containsExactly(answer.answer().caseNumber());
			}
		}
		for (Sent answer : retried) {
			if (answer.answer().caseNumber() != null) {
				assertThat(stored.get(answer.report().text())).containsExactly(answer.answer().caseNumber());
			}
		}
		Set<String> caseNumbers = stored.values().stream().flatMap(List::stream).collect(Collectors.toSet());
		await().atMost(Duration.ofSeconds(90)).until(() -> forwardedOf(run) == answers.size());
		Map<String, List<String>> bookings = bookingKeys();
		assertThat(caseNumbers).allSatisfy((number) -> {
			assertThat(bookings.get(number)).as("bookings of %s", number).isNotEmpty();
			// a case booked again after the kill carries the same key: the platform keeps
			// one
			assertThat(Set.copyOf(bookings.get(number))).as("idempotency keys of %s", number).hasSize(1);
		});
		log.info(
				"Kill: {} reports, {} acknowledged at the first sending, {} filed again, {} cases booked "
						+ "more than once (same key); {} ms in all",
				answers.size(), acknowledged.size(), retried.size(),
				caseNumbers.stream().filter((number) -> bookings.get(number).size() > 1).count(),
				millisSince(startedAt));
	}

	private ChildProcess startGateway(int port, int generation) throws IOException {
		Path logFile = targetDirectory().resolve("gateway-kill-" + generation + ".log");
		Path argFile = targetDirectory().resolve("gateway-kill-classpath.args");
		String classpath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
			// the test classes hold controllers and configurations of other tests
			.filter((entry) -> !Path.of(entry).getFileName().toString().equals("test-classes"))
			.collect(Collectors.joining(File.pathSeparator));
		Files.writeString(argFile, "-cp \"" + classpath + "\"\n", StandardCharsets.UTF_8);
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(List.of("-Xmx384m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Dfile.encoding=UTF-8"));
		command.add("@" + argFile);
		command.add(GatewayApplication.class.getName());
		settings(port).forEach((name, value) -> command.add("--" + name + "=" + value));
		ChildProcess process = ChildProcess.start("gateway-kill-" + generation, command, Map.of(),
				Path.of("").toAbsolutePath(), logFile);
		this.started.add(process);
		log.info("Kill: gateway {} started as process {} on port {}, log in {}", generation, process.pid(), port,
				logFile);
		return process;
	}

	/** What GatewayIntegrationTest sets, pointed at this test's own servers. */
	private static Map<String, Object> settings(int port) {
		Map<String, Object> settings = new LinkedHashMap<>();
		settings.put("server.port", port);
		settings.put("spring.main.banner-mode", "off");
		settings.put("spring.datasource.url", jdbcUrl);
		settings.put("spring.datasource.username", TestServers.postgres().username());
		settings.put("spring.datasource.password", TestServers.postgres().password());
		// a Redis database of its own: the in-JVM gateway of the other tests uses 0
		settings.put("gateway.redis.uri", TestServers.redis().uri() + "/5");
		settings.put("gateway.config-dir",
				Path.of(System.getProperty("gateway.config-dir", "../config")).toAbsolutePath().normalize());
		settings.put("gateway.smpp.host", "127.0.0.1");
		settings.put("gateway.smpp.port", smsc.port());
		settings.put("gateway.smpp.reconnect-initial-backoff", "200ms");
		settings.put("gateway.smpp.reconnect-max-backoff", "1s");
		settings.put("gateway.platform-base-url", platforms.baseUrl());
		for (String platform : new String[] { "qh-district", "qh-streets", "qh-communities", "donghua-street" }) {
			settings.put("gateway.secrets." + platform, "kill-test-secret");
		}
		settings.put("gateway.admin.token", "kill-test-admin-token-0001");
		settings.put("gateway.keys.portal", PORTAL_KEY);
		settings.put("gateway.access.reports-per-number", 1000);
		// what the killed instance had claimed waits out its lease: production's 60 s
		// would only make the test wait
		settings.put("gateway.forward.lease", "10s");
		settings.put("gateway.forward.request-timeout", "2s");
		settings.put("gateway.sms.lease", "10s");
		settings.put("gateway.sms.inbox-lease", "5s");
		settings.put("gateway.forward.poll-interval-ms", 100);
		settings.put("gateway.forward.retry.initial-backoff", "100ms");
		settings.put("gateway.forward.retry.max-backoff", "500ms");
		settings.put("gateway.sms.poll-interval-ms", 100);
		settings.put("gateway.sms.inbox-poll-interval-ms", 100);
		settings.put("gateway.sms.retry.initial-backoff", "100ms");
		settings.put("gateway.sms.retry.max-backoff", "500ms");
		settings.put("gateway.sms.max-texts-per-number-per-day", 100000);
		settings.put("gateway.sms.quiet-hours.start", "00:00");
		settings.put("gateway.sms.quiet-hours.end", "00:00");
		settings.put("gateway.merge.catch-up-interval-ms", 300);
		settings.put("gateway.media.directory", mediaDirectory);
		settings.put("gateway.media.public-base-url", "https://gridintake.example.test/media/");
		return settings;
	}

	/** Up: its health answers, and it is bound to the SMSC to receive texts. */
	private void awaitUp(ChildProcess process, int port, int generation) {
		await().atMost(START_WAIT).pollInterval(Duration.ofMillis(250)).ignoreExceptions().until(() -> {
			if (!process.isAlive()) {
				throw new AssertionError(
						"gateway " + generation + " exited with " + process.exitValue() + ":\n" + process.tail(40));
			}
			HttpResponse<String> health = this.http
				.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
					.timeout(Duration.ofSeconds(5))
					.build(), HttpResponse.BodyHandlers.ofString());
			return health.statusCode() == 200 && !smsc.boundSystemIds().isEmpty();
		});
	}

	private Answer send(int port, FaultReport report) {
		if (report.channel() == Channel.SMS) {
			try {
				List<Integer> acks = smsc.deliver(report.mobile(), SHORT_CODE, report.text());
				if (acks.equals(List.of(0))) {
					return new Answer(Kind.ACCEPTED, null, "ESME_ROK");
				}
				return new Answer(acks.stream().allMatch(FaultScenariosTest::redelivered) ? Kind.REFUSED : Kind.OTHER,
						null, acks.toString());
			}
			catch (IllegalStateException ex) {
				// not bound, or no deliver_sm_resp: the SMSC delivers it again later
				return new Answer(Kind.REFUSED, null, ex.getMessage());
			}
		}
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/reports"))
			.timeout(Duration.ofSeconds(15))
			.header("Content-Type", "application/json")
			.header("Authorization", "Bearer " + PORTAL_KEY)
			.header("Idempotency-Key", report.key())
			.POST(HttpRequest.BodyPublishers.ofString(report.json(), StandardCharsets.UTF_8))
			.build();
		HttpResponse<String> response;
		try {
			response = this.http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			// refused, reset or cut off: the portal does not know and files it again
			return new Answer(Kind.REFUSED, null, String.valueOf(ex));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return new Answer(Kind.REFUSED, null, "interrupted");
		}
		if (response.statusCode() == 202) {
			try {
				String caseNumber = JSON.readTree(response.body()).path("case_number").asText();
				return new Answer(caseNumber.isEmpty() ? Kind.OTHER : Kind.ACCEPTED, caseNumber, response.body());
			}
			catch (IOException ex) {
				return new Answer(Kind.OTHER, null, response.body());
			}
		}
		boolean retryLater = response.statusCode() == 503 && response.headers().firstValue("Retry-After").isPresent();
		return new Answer(retryLater ? Kind.REFUSED : Kind.OTHER, null, response.statusCode() + " " + response.body());
	}

	private static List<Sent> acknowledged(List<Sent> sent) {
		synchronized (sent) {
			return sent.stream().filter((answer) -> answer.answer().kind() == Kind.ACCEPTED).toList();
		}
	}

	/** Description → the case numbers stored with it, of the reports of one run. */
	private static Map<String, List<String>> casesByText(String run) {
		Map<String, List<String>> cases = new HashMap<>();
		jdbc.sql("select description, case_number from report_case where description like ?")
			.param("%，" + run + "-%")
			.query()
			.listOfRows()
			.forEach((row) -> cases.computeIfAbsent((String) row.get("description"), (text) -> new ArrayList<>())
				.add((String) row.get("case_number")));
		return cases;
	}

	private static int inboxCopies(FaultReport report) {
		return jdbc.sql("select count(*) from sms_mo_message where sender = ? and text = ?")
			.params(report.mobile(), report.text())
			.query(Integer.class)
			.single();
	}

	/** Cases of the run forwarded, with every forward of theirs done. */
	private static int forwardedOf(String run) {
		return jdbc.sql("""
				select count(*) from report_case c where c.description like ? and c.status = 'FORWARDED'
				and exists (select 1 from forward_outbox o where o.case_id = c.id)
				and not exists (select 1 from forward_outbox o where o.case_id = c.id and o.state <> 'DONE')""")
			.param("%，" + run + "-%")
			.query(Integer.class)
			.single();
	}

	/** Case number → the Idempotency-Key of each time a platform booked it. */
	private static Map<String, List<String>> bookingKeys() {
		Map<String, List<String>> keys = new HashMap<>();
		for (ServeEvent event : platforms.getAllServeEvents()) {
			if (event.getResponse() == null || event.getResponse().getStatus() != 201) {
				continue;
			}
			try {
				String number = JSON.readTree(event.getRequest().getBodyAsString()).path("case_number").asText();
				keys.computeIfAbsent(number, (n) -> new ArrayList<>())
					.add(event.getRequest().getHeader("Idempotency-Key"));
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
		return keys;
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			socket.setReuseAddress(true);
			return socket.getLocalPort();
		}
	}

	private static Path targetDirectory() {
		try {
			// target/test-classes → target
			return Path.of(GatewayKillTest.class.getProtectionDomain().getCodeSource().getLocation().toURI())
				.getParent();
		}
		catch (URISyntaxException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static long millisSince(long nanos) {
		return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - nanos);
	}

	enum Kind {

		ACCEPTED, REFUSED, OTHER

	}

	record Answer(Kind kind, String caseNumber, String detail) {
	}

	record Sent(FaultReport report, Answer answer) {
	}

}
