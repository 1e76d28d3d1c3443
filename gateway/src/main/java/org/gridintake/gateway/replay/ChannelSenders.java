package org.gridintake.gateway.replay;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Sends each report through its real channel, as that channel's client would: the web
 * portal's JSON API, the call centre's call log, a grid worker's field batch (one report
 * a batch) and a resident's SMS. A refusal the gateway asks to retry (429, 503) is
 * retried after its Retry-After with the same idempotency key, so a retry never files
 * twice.
 */
final class ChannelSenders {

	private static final int MAX_ATTEMPTS = 8;

	private static final Duration LONGEST_WAIT = Duration.ofSeconds(10);

	private final HttpClient http;

	private final ObjectMapper json;

	private final ReplayOptions options;

	private final SmsDelivery sms;

	ChannelSenders(HttpClient http, ObjectMapper json, ReplayOptions options, SmsDelivery sms) {
		this.http = http;
		this.json = json;
		this.options = options;
		this.sms = sms;
	}

	/** Sends one report; never throws, a failure is in the answer. */
	Acknowledgement send(InputReport report) {
		long start = System.nanoTime();
		try {
			return switch (report.channel()) {
				case "sms" -> sms(report, start);
				case "hotline" -> post(report, "/api/v1/hotline/calls", "call-centre", hotline(report), null, start);
				case "portal" -> post(report, "/api/v1/reports", "portal", portal(report),
						"replay-" + this.options.runId() + "-" + report.id(), start);
				case "field" -> post(report, "/api/v1/field/batches", "field-app", field(report), null, start);
				default -> Acknowledgement.failed("unknown channel " + report.channel(), System.nanoTime() - start);
			};
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return Acknowledgement.failed("interrupted", System.nanoTime() - start);
		}
		catch (IOException | RuntimeException ex) {
			return Acknowledgement.failed(ex.getClass().getSimpleName() + ": " + ex.getMessage(),
					System.nanoTime() - start);
		}
	}

	private Acknowledgement sms(InputReport report, long start) throws IOException, InterruptedException {
		if (this.sms == null) {
			return Acknowledgement.failed("no SMSC: give --smsc-port or --embedded-sms-url", 0);
		}
		List<Integer> statuses = this.sms.deliver(report.text("from"), this.options.shortCode(), report.text("text"));
		long latency = System.nanoTime() - start;
		boolean stored = !statuses.isEmpty() && statuses.stream().allMatch((status) -> status == 0);
		return stored ? Acknowledgement.ok(null, latency)
				: Acknowledgement.failed("deliver_sm_resp " + statuses, latency);
	}

	private ObjectNode portal(InputReport report) {
		ObjectNode body = this.json.createObjectNode();
		body.put("text", report.text("text"));
		copy(report, "location", body, "location");
		copy(report, "address", body, "address");
		String contact = report.text("contact");
		if (contact != null) {
			body.put("mobile", contact);
		}
		copy(report, "category", body, "category");
		return body;
	}

	/**
	 * The call times are the replay's own: the call is being taken now, and the original
	 * dates may lie far back.
	 */
	private ObjectNode hotline(InputReport report) {
		OffsetDateTime now = OffsetDateTime.now(report.receivedAt().getOffset()).truncatedTo(ChronoUnit.SECONDS);
		ObjectNode body = this.json.createObjectNode();
		body.put("call_id", "replay-" + this.options.runId() + "-" + report.id());
		body.put("operator_id", report.text("operator"));
		body.put("caller", report.text("caller"));
		body.put("started_at", now.toString());
		body.put("ended_at", now.toString());
		body.put("summary", report.text("summary"));
		copy(report, "address", body, "address");
		copy(report, "category", body, "category");
		copy(report, "location", body, "location");
		return body;
	}

	/**
	 * The phone's {@code taken_at} is the sending time: the gateway refuses reports older
	 * than its age limit, and the input's dates may be months old.
	 */
	private ObjectNode field(InputReport report) {
		ObjectNode item = this.json.createObjectNode();
		String clientId = (report.text("client_id") != null) ? report.text("client_id") : report.id();
		item.put("client_id", "replay-" + this.options.runId() + "-" + clientId);
		item.put("category", report.text("category"));
		item.put("text", report.text("text"));
		copy(report, "location", item, "location");
		item.put("taken_at",
				OffsetDateTime.now(report.receivedAt().getOffset()).truncatedTo(ChronoUnit.SECONDS).toString());
		item.put("outside_area", report.json().path("outside_area").asBoolean(false));
		copy(report, "photos", item, "photos");
		ObjectNode body = this.json.createObjectNode();
		body.put("worker_id", report.text("worker"));
		body.putArray("reports").add(item);
		return body;
	}

	private static void copy(InputReport report, String from, ObjectNode body, String to) {
		JsonNode value = report.json().get(from);
		if (value != null && !value.isNull()) {
			body.set(to, value);
		}
	}

	private Acknowledgement post(InputReport report, String path, String client, ObjectNode body, String idempotencyKey,
			long start) throws IOException, InterruptedException {
		String key = this.options.keys().get(client);
		if (key == null) {
			return Acknowledgement.failed("no key for " + client + " (--key-" + client + ")", 0);
		}
		byte[] bytes = this.json.writeValueAsBytes(body);
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.options.gateway() + path))
			.timeout(Duration.ofSeconds(30))
			.header("Content-Type", "application/json")
			.header("Authorization", "Bearer " + key)
			.POST(HttpRequest.BodyPublishers.ofByteArray(bytes));
		if (idempotencyKey != null) {
			request.header("Idempotency-Key", idempotencyKey);
		}
		for (int attempt = 1;; attempt++) {
			HttpResponse<String> response = this.http.send(request.build(),
					HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
			int status = response.statusCode();
			if ((status == 429 || status == 503) && attempt < MAX_ATTEMPTS) {
				Thread.sleep(retryAfter(response).toMillis());
				continue;
			}
			long latency = System.nanoTime() - start;
			return answer(report, status, response.body(), latency);
		}
	}

	private Acknowledgement answer(InputReport report, int status, String body, long latency) throws IOException {
		if (report.channel().equals("field") && status == 200) {
			JsonNode result = this.json.readTree(body).path("results").path(0);
			String outcome = result.path("outcome").asText();
			if (outcome.equals("accepted") || outcome.equals("duplicate")) {
				return Acknowledgement.ok(result.path("case_number").asText(null), latency);
			}
			return Acknowledgement.failed(outcome + " " + result.path("errors"), latency);
		}
		if (status == 202) {
			return Acknowledgement.ok(this.json.readTree(body).path("case_number").asText(null), latency);
		}
		return Acknowledgement.failed("HTTP " + status + " " + abbreviate(body), latency);
	}

	private static Duration retryAfter(HttpResponse<?> response) {
		long seconds = response.headers().firstValue("Retry-After").map((value) -> {
			try {
				return Long.parseLong(value.strip());
			}
			catch (NumberFormatException ex) {
				return 1L;
			}
		}).orElse(1L);
		Duration wait = Duration.ofSeconds(Math.max(0, seconds));
		return (wait.compareTo(LONGEST_WAIT) > 0) ? LONGEST_WAIT : wait.isZero() ? Duration.ofMillis(200) : wait;
	}

	static String abbreviate(String text) {
		return (text == null) ? "" : (text.length() <= 300) ? text : text.substring(0, 300) + "…";
	}

}
