package org.gridintake.gateway.replay;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Asks the gateway what became of every report: the case of each HTTP report as its
 * answer named it, the case each text filed (texts are filed after they are acknowledged,
 * so it waits for them), and for each case its grid, category and the master it was
 * merged into.
 */
final class OutcomeCollector {

	private static final Duration POLL = Duration.ofMillis(500);

	private final HttpClient http;

	private final ObjectMapper json;

	private final ReplayOptions options;

	private final PrintStream out;

	OutcomeCollector(HttpClient http, ObjectMapper json, ReplayOptions options, PrintStream out) {
		this.http = http;
		this.json = json;
		this.options = options;
		this.out = out;
	}

	/**
	 * @param sent each report with its acknowledgement, in input order
	 * @param since when sending started, to leave out texts an earlier run sent
	 */
	List<ReportOutcome> collect(Map<InputReport, Acknowledgement> sent, Instant since)
			throws IOException, InterruptedException {
		Map<InputReport, String> caseOf = new LinkedHashMap<>();
		List<InputReport> texts = new ArrayList<>();
		sent.forEach((report, ack) -> {
			if (ack.acknowledged() && report.channel().equals("sms")) {
				texts.add(report);
			}
			else if (ack.caseNumber() != null) {
				caseOf.put(report, ack.caseNumber());
			}
		});
		caseOf.putAll(filedTexts(texts, since));
		List<ReportOutcome> outcomes = new ArrayList<>();
		for (Map.Entry<InputReport, Acknowledgement> entry : sent.entrySet()) {
			String number = caseOf.get(entry.getKey());
			if (number == null) {
				outcomes.add(ReportOutcome.unfiled(entry.getKey(), entry.getValue()));
				continue;
			}
			try {
				outcomes.add(outcome(entry.getKey(), entry.getValue(), number));
			}
			catch (IOException ex) {
				this.out.println(
						"Case " + number + " of " + entry.getKey().id() + " could not be read: " + ex.getMessage());
				outcomes.add(new ReportOutcome(entry.getKey(), entry.getValue(), number, null, null, null, false));
			}
		}
		return outcomes;
	}

	/**
	 * Each text's case, matched by sender and text in the order they were sent; waits
	 * until the gateway has acted on every text or the collect timeout passes.
	 */
	private Map<InputReport, String> filedTexts(List<InputReport> texts, Instant since)
			throws IOException, InterruptedException {
		Map<InputReport, String> found = new LinkedHashMap<>();
		if (texts.isEmpty()) {
			return found;
		}
		if (this.options.adminToken() == null) {
			this.out.println("No admin token (--admin-token or GATEWAY_ADMIN_TOKEN): the cases of " + texts.size()
					+ " texts cannot be looked up");
			return found;
		}
		Map<String, List<InputReport>> bySender = new LinkedHashMap<>();
		texts.forEach((text) -> bySender.computeIfAbsent(text.text("from"), (k) -> new ArrayList<>()).add(text));
		Instant deadline = Instant.now().plus(this.options.collectTimeout());
		Map<String, List<JsonNode>> messages = new LinkedHashMap<>();
		List<String> waiting = new ArrayList<>(bySender.keySet());
		while (true) {
			List<String> stillWaiting = new ArrayList<>();
			for (String sender : waiting) {
				List<JsonNode> of = messagesFrom(sender, since);
				messages.put(sender, of);
				long done = of.stream().filter((m) -> !m.path("state").asText().equals("PENDING")).count();
				if (done < bySender.get(sender).size()) {
					stillWaiting.add(sender);
				}
			}
			waiting = stillWaiting;
			if (waiting.isEmpty() || Instant.now().isAfter(deadline)) {
				break;
			}
			Thread.sleep(POLL.toMillis());
		}
		if (!waiting.isEmpty()) {
			this.out.println("Gave up waiting after " + this.options.collectTimeout().toSeconds()
					+ " s for the texts of " + waiting.size() + " sender(s) to be filed");
		}
		bySender.forEach((sender, reports) -> {
			List<JsonNode> unmatched = new ArrayList<>(messages.getOrDefault(sender, List.of()));
			for (InputReport report : reports) {
				for (int i = 0; i < unmatched.size(); i++) {
					JsonNode message = unmatched.get(i);
					if (message.path("text").asText().equals(report.text("text"))) {
						unmatched.remove(i);
						String number = message.path("case_number").asText(null);
						if (number != null) {
							found.put(report, number);
						}
						break;
					}
				}
			}
		});
		return found;
	}

	private List<JsonNode> messagesFrom(String sender, Instant since) throws IOException, InterruptedException {
		String query = "sender=" + URLEncoder.encode(sender, StandardCharsets.UTF_8) + "&since="
				+ URLEncoder.encode(OffsetDateTime.ofInstant(since, ZoneOffset.UTC).toString(), StandardCharsets.UTF_8);
		JsonNode answer = get("/api/v1/admin/sms/messages?" + query, this.options.adminToken());
		List<JsonNode> messages = new ArrayList<>();
		answer.path("messages").forEach(messages::add);
		return messages;
	}

	private ReportOutcome outcome(InputReport report, Acknowledgement ack, String caseNumber)
			throws IOException, InterruptedException {
		String key = this.options.keys().values().stream().findFirst().orElse(null);
		JsonNode view = get("/api/v1/cases/" + URLEncoder.encode(caseNumber, StandardCharsets.UTF_8), key);
		return new ReportOutcome(report, ack, caseNumber, view.path("merged_into").asText(null),
				view.path("grid").path("grid").path("code").asText(null), view.path("category").asText(null),
				view.path("located").asBoolean(false));
	}

	private JsonNode get(String pathAndQuery, String bearer) throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.options.gateway() + pathAndQuery))
			.timeout(Duration.ofSeconds(30))
			.GET();
		if (bearer != null) {
			request.header("Authorization", "Bearer " + bearer);
		}
		for (int attempt = 1;; attempt++) {
			HttpResponse<String> response = this.http.send(request.build(),
					HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
			if (response.statusCode() == 200) {
				return this.json.readTree(response.body());
			}
			if (response.statusCode() == 429 && attempt < 10) {
				Thread.sleep(500);
				continue;
			}
			throw new IOException("GET " + pathAndQuery + " answered " + response.statusCode() + ": "
					+ ChannelSenders.abbreviate(response.body()));
		}
	}

}
