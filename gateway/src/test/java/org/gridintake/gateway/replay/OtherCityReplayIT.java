package org.gridintake.gateway.replay;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.gridintake.gateway.ChildProcess;
import org.gridintake.gateway.JsonLines;
import org.gridintake.adapters.testing.TestPostgres;
import org.gridintake.adapters.testing.TestServers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The replay command and the gateway as an operator runs them for a city that is not the
 * sample district: the packaged jar ({@code java -jar gateway-*.jar}) in a process of its
 * own with {@code GATEWAY_CONFIG_DIR} pointing at another city's files (江州市滨江区, a
 * synthetic city in {@code src/test/resources/other-city}: other codes, other place on
 * the map, other taxonomy, platforms and texts), and {@code gateway/replay.sh} in
 * another, with {@code --smsc-port} so that the gateway binds to the replay's SMSC
 * simulator, and the keys and admin token from the environment. Only PostgreSQL, Redis
 * and the city's platforms (WireMock) come from this JVM.
 * <p>
 * A Failsafe test, run by {@code ./mvnw verify} after the jar is packaged (and skipped by
 * a targeted {@code -Dtest=...} run; run it alone with
 * {@code -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false -DskipITs=false -Dit.test=OtherCityReplayIT}).
 * Both processes' output stays in {@code target/other-city/} ({@code gateway.log},
 * {@code replay.log}, {@code results.jsonl}).
 */
class OtherCityReplayIT {

	private static final ObjectMapper JSON = new ObjectMapper();

	private static final String ADMIN_TOKEN = "other-city-admin-token-000000001";

	private static final Map<String, String> KEYS = Map.of("GATEWAY_KEYS_PORTAL", "other-city-portal-key-0000000001",
			"GATEWAY_KEYS_CALL_CENTRE", "other-city-call-centre-key-00001", "GATEWAY_KEYS_FIELD_APP",
			"other-city-field-app-key-0000001");

	private static final String PLATFORM_SECRET = "other-city-platform-secret";

	private static final WireMockServer PLATFORMS = new WireMockServer(
			WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));

	private final HttpClient http = HttpClient.newHttpClient();

	@BeforeAll
	static void theCitysPlatformsBookEveryCase() {
		PLATFORMS.start();
		PLATFORMS.stubFor(WireMock.post(WireMock.urlPathMatching("/bj/[a-z]+/cases"))
			.willReturn(WireMock.aResponse()
				.withStatus(201)
				.withHeader("Content-Type", "application/json")
				.withBody("{\"platform_case_id\":\"BJ-P-1\"}")));
		PLATFORMS.stubFor(WireMock.post(WireMock.urlPathMatching("/bj/[a-z]+/cases/.+/updates"))
			.willReturn(WireMock.aResponse().withStatus(200)));
	}

	@AfterAll
	static void stopPlatforms() {
		PLATFORMS.stop();
	}

	@Test
	void replaysAnotherCitysReportsThroughEveryChannelToAGatewayInAnotherProcess() throws Exception {
		Path city = resource("/other-city/config");
		Path input = resource("/other-city/reports.jsonl");
		Path work = freshDirectory(Path.of(System.getProperty("gateway.it-work", "target/other-city")));
		Path results = work.resolve("results.jsonl");
		int httpPort = freePort();
		int smscPort = freePort();
		URI gatewayUrl = URI.create("http://127.0.0.1:" + httpPort);

		try (ChildProcess gateway = ChildProcess.start("gateway", gatewayCommand(),
				gatewayEnvironment(city, work, httpPort, smscPort), work, work.resolve("gateway.log"));
				ChildProcess replay = ChildProcess.start("replay",
						List.of("sh", repository().resolve("gateway/replay.sh").toString(), "--input", input.toString(),
								"--url", gatewayUrl.toString(), "--smsc-port", Integer.toString(smscPort), "--fast",
								"--concurrency", "4", "--out", results.toString(), "--collect-timeout", "60",
								"--bind-timeout", "90", "--run-id",
								"bj-" + UUID.randomUUID().toString().substring(0, 8)),
						replayEnvironment(), work, work.resolve("replay.log"))) {
			Supplier<String> diagnosis = () -> "\nreplay printed:\n" + replay.output() + "\ngateway printed:\n"
					+ gateway.tail(80);

			assertThat(replay.waitFor(Duration.ofMinutes(3))).as(diagnosis).isTrue();
			assertThat(replay.exitValue()).as(diagnosis).isZero();
			assertThat(gateway.isAlive()).as(diagnosis).isTrue();
			// the city's routing rules were read from its own directory, and its Chinese
			// words reach the log intact even in a POSIX locale
			assertThat(gateway.output()).as(diagnosis)
				.contains("routing-rules.yaml: 2 rule(s), urgent words [危险, 漏气, 起火, 塌陷]");

			String printed = replay.output();
			assertThat(printed).as(diagnosis)
				.contains("Gateway bound as [gridintake] and healthy at " + gatewayUrl)
				.contains("Reports sent 13, acknowledged 13, failed 0")
				.containsPattern("(?m)^sms\\s+4\\s+4\\s+[\\d.]+\\s+[\\d.]+\\s+[\\d.]+\\s+[\\d.]+$")
				.containsPattern("(?m)^hotline\\s+3\\s+3\\s")
				.containsPattern("(?m)^portal\\s+3\\s+3\\s")
				.containsPattern("(?m)^field\\s+3\\s+3\\s")
				// the quality table: 12 of 13 reports located (one text names no
				// place), each where its words or point say, each in its own category;
				// both duplicate clusters merged and nothing else
				.contains("Geolocation and category")
				.containsPattern("(?m)^all\\s+13\\s+12\\s+0\\.923\\s+12\\s+1\\.000\\s+13\\s+1\\.000$")
				.contains("Deduplication, pairwise")
				.containsPattern("(?m)^all\\s+4\\s+4\\s+4\\s+1\\.000\\s+1\\.000\\s+1\\.000$");

			List<JsonNode> reports = JsonLines.read(input);
			List<JsonNode> outcomes = JsonLines.read(results);
			assertThat(outcomes).as(diagnosis)
				.extracting((line) -> line.get("id").asText())
				.containsExactlyElementsOf(reports.stream().map((r) -> r.get("id").asText()).toList());
			Map<String, JsonNode> outcomeOf = outcomes.stream()
				.collect(Collectors.toMap((line) -> line.get("id").asText(), (line) -> line));
			Set<String> cityGrids = gridCodes(city);
			Set<String> cityCategories = categoryCodes(city);
			Map<String, Set<String>> casesOfIncident = new LinkedHashMap<>();
			for (JsonNode report : reports) {
				String id = report.get("id").asText();
				JsonNode outcome = outcomeOf.get(id);
				JsonNode truth = report.get("truth");
				assertThat(outcome.get("case").asText()).as("case of %s", id).matches("BJ\\d{8}-\\d{6}");
				assertThat(outcome.get("category").asText()).as("category of %s", id)
					.isIn(cityCategories)
					.isEqualTo(truth.get("category").asText());
				if (truth.hasNonNull("reference_grid")) {
					assertThat(outcome.get("located").asBoolean()).as("%s located", id).isTrue();
					assertThat(outcome.get("grid").asText()).as("grid of %s", id)
						.isIn(cityGrids)
						.isEqualTo(truth.get("reference_grid").asText());
				}
				else {
					assertThat(outcome.get("located").asBoolean()).as("%s located", id).isFalse();
					assertThat(outcome.get("grid").isNull()).as("grid of %s", id).isTrue();
				}
				casesOfIncident.computeIfAbsent(truth.get("incident").asText(), (k) -> new TreeSet<>())
					.add(outcome.get("case").asText());
			}
			// one case per incident: the three reports of the bins at 江南大道18号 and the two
			// of the manhole at 长河路23号 each merged into one; the bins two doors down
			// (江南大道22号, 77 m away) stay a case of their own
			assertThat(casesOfIncident).as(diagnosis).hasSize(10).allSatisfy((incident, cases) -> {
				assertThat(cases).as("cases of incident %s", incident).hasSize(1);
			});
			assertThat(casesOfIncident.values().stream().flatMap(Set::stream).distinct()).hasSize(10);

			Map<String, JsonNode> views = new HashMap<>();
			for (String number : new TreeSet<>(outcomes.stream().map((o) -> o.get("case").asText()).toList())) {
				JsonNode view = caseView(gatewayUrl, number);
				assertThat(view.get("merged_into").isNull()).as("%s is a master", number).isTrue();
				views.put(number, view);
			}
			JsonNode bins = views.get(outcomeOf.get("B001").get("case").asText());
			assertThat(bins.get("reports").asInt()).isEqualTo(3);
			assertThat(bins.at("/grid/district/name").asText()).isEqualTo("滨江区");
			assertThat(bins.at("/grid/grid/name").asText()).isEqualTo("江南社区第2网格");
			// the city's routing rules, read from its directory, Chinese names intact
			JsonNode hawkers = views.get(outcomeOf.get("B007").get("case").asText());
			assertThat(hawkers.at("/route/platform_id").asText()).isEqualTo("xixing-street");
			assertThat(hawkers.at("/route/rule").asText()).contains("\"西兴街道的无证摊贩归西兴街道\"");
			assertThat(hawkers.get("description").asText()).isEqualTo(reports.stream()
				.filter((r) -> r.get("id").asText().equals("B007"))
				.findFirst()
				.get()
				.get("summary")
				.asText());
			JsonNode gas = views.get(outcomeOf.get("B010").get("case").asText());
			assertThat(gas.at("/route/platform_id").asText()).isEqualTo("bj-district");
			assertThat(gas.at("/route/priority").asText()).isEqualTo("URGENT");
			JsonNode posters = views.get(outcomeOf.get("B009").get("case").asText());
			assertThat(posters.get("filed_by").asText()).isEqualTo("grid_worker");
			assertThat(posters.get("filer_id").asText()).isEqualTo("GW3301001");

			// every located case reached the city's own platforms, and nothing went
			// anywhere
			// else; the text that names no place waits for its sender's address first
			Set<String> located = outcomes.stream()
				.filter((o) -> o.get("located").asBoolean())
				.map((o) -> o.get("case").asText())
				.collect(Collectors.toCollection(TreeSet::new));
			await().atMost(Duration.ofSeconds(30))
				.untilAsserted(() -> assertThat(forwardedCases(located)).as(diagnosis).isEqualTo(located));
			assertThat(PLATFORMS.getAllServeEvents()).extracting((event) -> event.getRequest().getUrl())
				.allSatisfy((url) -> assertThat(url).startsWith("/bj/"));
			assertThat(casesPostedTo("/bj/xixing/cases")).contains(hawkers.get("case_number").asText());
			assertThat(casesPostedTo("/bj/district/cases")).contains(gas.get("case_number").asText());
		}
	}

	private static List<String> gatewayCommand() {
		String jar = System.getProperty("gateway.jar");
		assertThat(jar).as("system property gateway.jar (set by the Failsafe configuration)").isNotBlank();
		assertThat(Path.of(jar)).as("the packaged gateway").isRegularFile();
		// a small heap and the quick compiler: the machine is shared, the run is short
		return List.of(javaExecutable(), "-Xmx384m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", jar);
	}

	/**
	 * The production settings an operator sets for this city, and quicker polls than
	 * production's so the run stays short.
	 */
	private static Map<String, String> gatewayEnvironment(Path city, Path work, int httpPort, int smscPort) {
		TestPostgres postgres = TestServers.postgres();
		Map<String, String> environment = new LinkedHashMap<>();
		environment.put("GATEWAY_CONFIG_DIR", city.toString());
		environment.put("PORT", Integer.toString(httpPort));
		environment.put("SPRING_DATASOURCE_URL", postgres.createDatabase("other_city"));
		environment.put("SPRING_DATASOURCE_USERNAME", postgres.username());
		environment.put("SPRING_DATASOURCE_PASSWORD", postgres.password());
		environment.put("REDIS_URI", TestServers.redis().uri());
		environment.put("SMPP_HOST", "127.0.0.1");
		environment.put("SMPP_PORT", Integer.toString(smscPort));
		environment.put("GATEWAY_PLATFORM_BASE_URL", PLATFORMS.baseUrl());
		for (String platform : List.of("BJ_DISTRICT", "BJ_STREETS", "XIXING_STREET", "BJ_COMMUNITIES")) {
			environment.put("GATEWAY_SECRETS_" + platform, PLATFORM_SECRET);
		}
		environment.put("GATEWAY_ADMIN_TOKEN", ADMIN_TOKEN);
		environment.putAll(KEYS);
		environment.put("GATEWAY_MEDIA_DIR", work.resolve("media").toString());
		environment.put("GATEWAY_SMPP_RECONNECTINITIALBACKOFF", "200ms");
		environment.put("GATEWAY_SMPP_RECONNECTMAXBACKOFF", "1s");
		environment.put("GATEWAY_FORWARD_POLLINTERVALMS", "100");
		environment.put("GATEWAY_SMS_POLLINTERVALMS", "100");
		environment.put("GATEWAY_SMS_INBOXPOLLINTERVALMS", "100");
		environment.put("SERVER_SHUTDOWN", "immediate");
		// a bare server's POSIX locale, where Java 17's default charset is ASCII: the
		// city's Chinese files, texts and answers must not depend on it
		environment.put("LANG", "C");
		environment.put("LC_ALL", "C");
		return environment;
	}

	/**
	 * What README's "Replay" tells an operator to export; REPLAY_JAR is the jar under
	 * test.
	 */
	private static Map<String, String> replayEnvironment() {
		Map<String, String> environment = new LinkedHashMap<>(KEYS);
		environment.put("GATEWAY_ADMIN_TOKEN", ADMIN_TOKEN);
		environment.put("REPLAY_JAR", System.getProperty("gateway.jar"));
		environment.put("PATH", Path.of(javaExecutable()).getParent() + java.io.File.pathSeparator
				+ System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
		return environment;
	}

	private JsonNode caseView(URI gateway, String number) throws IOException, InterruptedException {
		HttpResponse<String> response = this.http
			.send(HttpRequest.newBuilder(gateway.resolve("/api/v1/cases/" + number))
				.header("Authorization", "Bearer " + KEYS.get("GATEWAY_KEYS_PORTAL"))
				.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
		assertThat(response.statusCode()).as("GET case %s: %s", number, response.body()).isEqualTo(200);
		return JSON.readTree(response.body());
	}

	/** The cases of {@code expected} that some platform was sent. */
	private static Set<String> forwardedCases(Set<String> expected) {
		List<String> bodies = PLATFORMS.getAllServeEvents()
			.stream()
			.filter((event) -> event.getRequest().getUrl().matches("/bj/[a-z]+/cases"))
			.map((event) -> event.getRequest().getBodyAsString())
			.toList();
		return expected.stream()
			.filter((number) -> bodies.stream().anyMatch((body) -> body.contains(number)))
			.collect(Collectors.toCollection(TreeSet::new));
	}

	private static String casesPostedTo(String path) {
		return PLATFORMS.getAllServeEvents()
			.stream()
			.filter((event) -> event.getRequest().getUrl().equals(path))
			.map(ServeEvent::getRequest)
			.map((request) -> request.getBodyAsString())
			.collect(Collectors.joining("\n"));
	}

	private static Set<String> gridCodes(Path city) throws IOException {
		JsonNode features = JSON.readTree(city.resolve("grids.geojson").toFile()).get("features");
		return StreamSupport.stream(features.spliterator(), false)
			.map((feature) -> feature.get("properties"))
			.filter((properties) -> properties.get("level").asText().equals("grid"))
			.map((properties) -> properties.get("code").asText())
			.collect(Collectors.toSet());
	}

	private static Set<String> categoryCodes(Path city) throws IOException {
		return StreamSupport.stream(JSON.readTree(city.resolve("categories.json").toFile()).spliterator(), false)
			.map((category) -> category.get("code").asText())
			.collect(Collectors.toSet());
	}

	private static Path resource(String name) throws Exception {
		return Path.of(OtherCityReplayIT.class.getResource(name).toURI());
	}

	private static Path repository() {
		return Path.of(System.getProperty("gateway.repository", ".."));
	}

	private static String javaExecutable() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

	private static Path freshDirectory(Path directory) throws IOException {
		if (Files.exists(directory)) {
			try (Stream<Path> paths = Files.walk(directory)) {
				for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
					Files.delete(path);
				}
			}
		}
		return Files.createDirectories(directory).toAbsolutePath();
	}

	/** A port nobody listens on now; the child binds it a moment later. */
	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
