package org.gridintake.adapters.platform;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.gridintake.routes.forward.ForwardOutcome;
import org.gridintake.routes.forward.PlatformCase;
import org.gridintake.routes.forward.PlatformClient;
import org.gridintake.routes.forward.PlatformNotice;
import org.gridintake.routes.routing.PlatformEndpoint;

/**
 * Posts cases as JSON. 2xx is booked (the platform's id is read from
 * {@code platform_case_id} when present); 408, 425, 429 and 5xx, timeouts and connection
 * failures are worth retrying; any other 4xx is a refusal.
 */
class HttpPlatformClient implements PlatformClient {

	private final HttpClient http;

	private final ObjectMapper json;

	private final Duration requestTimeout;

	HttpPlatformClient(HttpClient http, ObjectMapper json, Duration requestTimeout) {
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
		String base = platform.casesUrl().toString();
		return post(
				java.net.URI.create((base.endsWith("/") ? base : base + "/")
						+ java.net.URLEncoder.encode(platformCase.caseNumber(), StandardCharsets.UTF_8) + "/updates"),
				platformCase, idempotencyKey);
	}

	/**
	 * {@code POST <cases url>/<case number>/withdrawal} or {@code …/reminders}:
	 * {@code {"case_number", "platform_case_id", "kind", "reason", "at"}}.
	 */
	@Override
	public ForwardOutcome notice(PlatformEndpoint platform, PlatformNotice notice, String idempotencyKey) {
		String base = platform.casesUrl().toString();
		String path = "withdrawal".equals(notice.kind()) ? "/withdrawal" : "/reminders";
		java.util.Map<String, Object> body = new java.util.LinkedHashMap<>();
		body.put("case_number", notice.caseNumber());
		body.put("platform_case_id", notice.platformCaseId());
		body.put("kind", notice.kind());
		body.put("reason", notice.reason());
		body.put("at", notice.at().toString());
		return post(
				java.net.URI.create((base.endsWith("/") ? base : base + "/")
						+ java.net.URLEncoder.encode(notice.caseNumber(), StandardCharsets.UTF_8) + path),
				body, notice.caseNumber(), idempotencyKey);
	}

	private ForwardOutcome post(java.net.URI url, PlatformCase platformCase, String idempotencyKey) {
		return post(url, platformCase, platformCase.caseNumber(), idempotencyKey);
	}

	private ForwardOutcome post(java.net.URI url, Object payload, String caseNumber, String idempotencyKey) {
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
		HttpResponse<String> response;
		try {
			response = this.http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			return new ForwardOutcome.RetryLater(ex.getClass().getSimpleName() + ": " + ex.getMessage());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return new ForwardOutcome.RetryLater("interrupted");
		}
		int status = response.statusCode();
		if (status >= 200 && status < 300) {
			return new ForwardOutcome.Delivered(platformCaseId(response.body()));
		}
		String reason = "HTTP " + status + ": " + abbreviate(response.body());
		if (status == 408 || status == 425 || status == 429 || status >= 500) {
			return new ForwardOutcome.RetryLater(reason);
		}
		return new ForwardOutcome.Refused(reason);
	}

	private String platformCaseId(String body) {
		try {
			JsonNode node = this.json.readTree(body);
			JsonNode id = (node != null) ? node.get("platform_case_id") : null;
			return (id != null && id.isTextual()) ? id.asText() : null;
		}
		catch (IOException ex) {
			return null;
		}
	}

	private static String abbreviate(String text) {
		if (text == null) {
			return "";
		}
		return (text.length() > 200) ? text.substring(0, 200) + "…" : text;
	}

}
