package org.gridintake.gateway;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.gridintake.gateway.replay.Replay;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The replay command run in this process against the test gateway: its HTTP channels on
 * the gateway's port, its texts as deliver_sm from the SMSC the gateway is bound to.
 */
class ReplayCommandTest extends GatewayIntegrationTest {

	@LocalServerPort
	int port;

	@TempDir
	Path work;

	@Test
	void replaysTheSampleThroughEveryChannelAndReportsWhatBecameOfEachReport() throws Exception {
		Path input = Path.of(getClass().getResource("/replay/sample-reports.jsonl").toURI());
		Path results = this.work.resolve("results.jsonl");
		ByteArrayOutputStream printed = new ByteArrayOutputStream();

		Replay.Result result = Replay.replayThrough(SMSC, new PrintStream(printed, true, StandardCharsets.UTF_8),
				"--input", input.toString(), "--url", "http://localhost:" + this.port, "--fast", "--concurrency", "4",
				"--key-portal", CLIENT_KEYS.get("portal"), "--key-call-centre", CLIENT_KEYS.get("call-centre"),
				"--key-field-app", CLIENT_KEYS.get("field-app"), "--admin-token", ADMIN_TOKEN, "--out",
				results.toString(), "--collect-timeout", "60");

		List<JsonNode> sample = JsonLines.read(input);
		assertThat(result.failures()).isEmpty();
		assertThat(result.acknowledged()).isEqualTo(sample.size());

		List<JsonNode> lines = JsonLines.read(results);
		assertThat(lines).hasSize(sample.size());
		assertThat(lines).extracting((line) -> line.get("id").asText())
			.containsExactlyInAnyOrderElementsOf(sample.stream().map((r) -> r.get("id").asText()).toList());
		for (JsonNode line : lines) {
			assertThat(line.fieldNames()).toIterable().containsExactly("id", "case", "grid", "category", "located");
			assertThat(line.get("case").asText()).as("case of %s", line.get("id")).matches("[A-Z]{2}\\d{8}-\\d{6}");
			if (line.get("located").asBoolean()) {
				assertThat(line.get("grid").asText()).as("grid of %s", line.get("id")).matches("\\d{15}");
			}
		}
		Map<String, JsonNode> byId = lines.stream().collect(Collectors.toMap((l) -> l.get("id").asText(), (l) -> l));
		// reports of one incident share a case when the gateway merged them, and the
		// merged ones name the master's case, which is itself a master
		Set<String> cases = lines.stream().map((l) -> l.get("case").asText()).collect(Collectors.toSet());
		assertThat(cases).hasSizeLessThan(sample.size());
		for (String number : cases) {
			Map<?, ?> view = this.http.get()
				.uri("/api/v1/cases/{n}", number)
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody(Map.class)
				.returnResult()
				.getResponseBody();
			assertThat(view.get("merged_into")).as("master %s", number).isNull();
		}
		// a field report keeps the category the worker chose; Chinese text came through
		// intact, so most reports landed in their true grid
		JsonNode field = sample.stream().filter((r) -> r.get("channel").asText().equals("field")).findFirst().get();
		assertThat(byId.get(field.get("id").asText()).get("category").asText())
			.isEqualTo(field.get("category").asText());
		long rightGrid = sample.stream()
			.filter((r) -> r.path("truth")
				.path("grid")
				.asText()
				.equals(byId.get(r.get("id").asText()).path("grid").asText()))
			.count();
		assertThat(rightGrid).isGreaterThan(sample.size() / 2);

		String summary = printed.toString(StandardCharsets.UTF_8);
		assertThat(summary).contains("Reports sent 60, acknowledged 60, failed 0")
			.contains("Acknowledgement latency per channel")
			.containsPattern("(?m)^sms\\s+19\\s+19\\s+[\\d.]+\\s+[\\d.]+\\s+[\\d.]+")
			.containsPattern("(?m)^hotline\\s+22\\s+22\\s")
			.containsPattern("(?m)^portal\\s+8\\s+8\\s")
			.containsPattern("(?m)^field\\s+11\\s+11\\s")
			.contains("Geolocation and category")
			.contains("Deduplication, pairwise");
	}

	@Test
	void theTextsOfANumberAreForOperationsStaffOnlyAndBadParametersAreNamed() {
		this.http.get().uri("/api/v1/admin/sms/messages?sender=13900139000").exchange().expectStatus().isUnauthorized();
		this.http.get()
			.uri("/api/v1/admin/sms/messages?sender=13900139000")
			.header("Authorization", "Bearer " + CLIENT_KEYS.get("portal"))
			.exchange()
			.expectStatus()
			.isForbidden();
		this.http.get()
			.uri("/api/v1/admin/sms/messages?sender=abc&since=yesterday")
			.header("Authorization", "Bearer " + ADMIN_TOKEN)
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[*].field")
			.value((fields) -> assertThat(fields.toString()).contains("sender").contains("since"));
	}

}
