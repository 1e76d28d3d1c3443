package org.gridintake.adapters.platform;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.gridintake.routes.forward.ForwardOutcome;
import org.gridintake.routes.forward.PlatformCase;
import org.gridintake.routes.forward.PlatformNotice;
import org.gridintake.routes.routing.PlatformEndpoint;
import org.gridintake.routes.status.PolledStatus;

/**
 * Posts cases as JSON with an Idempotency-Key (the platform's id is read from
 * {@code platform_case_id} when present), and reads a case's status from
 * {@code GET <cases url>/<case number>} for platforms that cannot call back.
 */
class HttpPlatformClient implements PlatformClients.Client {

	private final PlatformHttp http;

	private final ObjectMapper json;

	private final Duration requestTimeout;

	HttpPlatformClient(PlatformHttp http, ObjectMapper json, Duration requestTimeout) {
		this.http = http;
		this.json = json;
		this.requestTimeout = requestTimeout;
	}

	@Override
	public ForwardOutcome forward(PlatformEndpoint platform, PlatformCase platformCase, String idempotencyKey) {
		return post(platform.casesUrl(), platformCase, idempotencyKey);
	}

	/** {@code POST <cases url>/<case number>/updates}. */
	@Override
	public ForwardOutcome update(PlatformEndpoint platform, PlatformCase platformCase, String idempotencyKey) {
		return post(PlatformHttp.under(platform.casesUrl(), platformCase.caseNumber(), "/updates"), platformCase,
				idempotencyKey);
	}

	/**
	 * {@code GET <cases url>/<case number>} answering {@code {status, note, updated_at}}.
	 */
	@Override
	public PolledStatus fetch(PlatformEndpoint platform, String caseNumber, String platformCaseId) {
		HttpRequest request = HttpRequest.newBuilder(PlatformHttp.under(platform.casesUrl(), caseNumber, ""))
			.timeout(this.requestTimeout)
			.header("Accept", "application/json")
			.GET()
			.build();
		PlatformHttp.Answer answer = this.http.send(request);
		if (!answer.ok()) {
			return new PolledStatus.Unavailable(answer.describe());
		}
		try {
			JsonNode node = this.json.readTree(answer.body());
			if (node == null || !node.path("status").isTextual()) {
				return new PolledStatus.Unavailable("no status in " + PlatformHttp.abbreviate(answer.body()));
			}
			return new PolledStatus.Known(node.get("status").asText(), text(node, "note"),
					PlatformHttp.instant(text(node, "updated_at")));
		}
		catch (IOException ex) {
			return new PolledStatus.Unavailable("unreadable answer: " + PlatformHttp.abbreviate(answer.body()));
		}
	}

	/**
	 * {@code POST <cases url>/<case number>/withdrawal} or {@code …/reminders}:
	 * {@code {"case_number", "platform_case_id", "kind", "reason", "at"}}.
	 */
	@Override
	public ForwardOutcome notice(PlatformEndpoint platform, PlatformNotice notice, String idempotencyKey) {
		java.util.Map<String, Object> body = new java.util.LinkedHashMap<>();
		body.put("case_number", notice.caseNumber());
		body.put("platform_case_id", notice.platformCaseId());
		body.put("kind", notice.kind());
		body.put("reason", notice.reason());
		body.put("at", notice.at().toString());
		return post(
				PlatformHttp.under(platform.casesUrl(), notice.caseNumber(),
						"withdrawal".equals(notice.kind()) ? "/withdrawal" : "/reminders"),
				body, notice.caseNumber(), idempotencyKey);
	}

	private ForwardOutcome post(URI url, PlatformCase platformCase, String idempotencyKey) {
		return post(url, platformCase, platformCase.caseNumber(), idempotencyKey);
	}

	private ForwardOutcome post(URI url, Object payload, String caseNumber, String idempotencyKey) {
		byte[] body;
		try {
			body = this.json.writeValueAsBytes(payload);
		}
		catch (IOException ex) {
			throw new IllegalStateException("cannot serialise case " + caseNumber, ex);
		}
		HttpRequest request = HttpRequest.newBuilder(url)
			.timeout(this.requestTimeout)
			.header("Content-Type", "application/json; charset=utf-8")
			.header("Accept", "application/json")
			.header("Idempotency-Key", idempotencyKey)
			.POST(HttpRequest.BodyPublishers.ofByteArray(body))
			.build();
		PlatformHttp.Answer answer = this.http.send(request);
		if (answer.ok()) {
			return new ForwardOutcome.Delivered(platformCaseId(answer.body()));
		}
		return answer.notBooked();
	}

	private String platformCaseId(String body) {
		try {
			JsonNode node = this.json.readTree(body);
			return (node != null) ? text(node, "platform_case_id") : null;
		}
		catch (IOException ex) {
			return null;
		}
	}

	private static String text(JsonNode node, String field) {
		JsonNode value = node.get(field);
		return (value != null && value.isValueNode() && !value.isNull()) ? value.asText() : null;
	}

}
