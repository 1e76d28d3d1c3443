package org.gridintake.adapters.platform;

import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.gridintake.routes.forward.ForwardOutcome;
import org.gridintake.routes.forward.PlatformCase;
import org.gridintake.routes.routing.PlatformEndpoint;
import org.gridintake.routes.routing.PlatformProtocol;
import org.gridintake.routes.status.PolledStatus;

/**
 * A platform that speaks Open311 GeoReport v2 (as FixMyStreet's open311-adapter does):
 * {@code POST <base>/requests.json}, form-encoded, and
 * {@code GET <base>/requests/<service_request_id>.json} for its status. The case number
 * and report count travel as {@code attribute[...]} fields, so the platform can recognise
 * a case it already has (Open311 has no idempotency key; the header is sent anyway).
 */
class Open311PlatformClient implements PlatformClients.Client {

	private static final Logger log = LoggerFactory.getLogger(Open311PlatformClient.class);

	private final PlatformHttp http;

	private final ObjectMapper json;

	private final Duration requestTimeout;

	Open311PlatformClient(PlatformHttp http, ObjectMapper json, Duration requestTimeout) {
		this.http = http;
		this.json = json;
		this.requestTimeout = requestTimeout;
	}

	@Override
	public ForwardOutcome forward(PlatformEndpoint platform, PlatformCase platformCase, String idempotencyKey) {
		PlatformProtocol protocol = platform.protocol();
		String serviceCode = protocol.serviceCode(platformCase.category());
		if (serviceCode == null) {
			return new ForwardOutcome.Refused("an uncategorised case has no Open311 service_code");
		}
		if (platformCase.location() == null && isBlank(platformCase.address())) {
			return new ForwardOutcome.Refused("Open311 needs lat/long or address_string; the case has neither");
		}
		Map<String, String> fields = new LinkedHashMap<>();
		fields.put("api_key", protocol.apiKey());
		fields.put("service_code", serviceCode);
		if (platformCase.location() != null) {
			fields.put("lat", Double.toString(platformCase.location().lat()));
			fields.put("long", Double.toString(platformCase.location().lon()));
		}
		fields.put("address_string", platformCase.address());
		fields.put("description", platformCase.text());
		fields.put("media_url", platformCase.photos().isEmpty() ? null : platformCase.photos().get(0));
		// the contact is only the full number when the platform may see it
		fields.put("phone", platform.receivesReporterContact() ? platformCase.reporterContact() : null);
		fields.put("attribute[case_number]", platformCase.caseNumber());
		fields.put("attribute[report_count]", Integer.toString(platformCase.reportCount()));
		if (platformCase.grid() != null) {
			fields.put("attribute[grid_code]", platformCase.grid().grid());
		}
		HttpRequest request = HttpRequest.newBuilder(PlatformHttp.under(platform.casesUrl(), "requests.json", ""))
			.timeout(this.requestTimeout)
			.header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
			.header("Accept", "application/json")
			.header("Idempotency-Key", idempotencyKey)
			.POST(HttpRequest.BodyPublishers.ofString(PlatformHttp.form(fields), StandardCharsets.UTF_8))
			.build();
		PlatformHttp.Answer answer = this.http.send(request);
		if (answer.ok()) {
			return new ForwardOutcome.Delivered(requestId(answer.body()));
		}
		if (!answer.retryable()) {
			return new ForwardOutcome.Refused("HTTP " + answer.status() + ": " + errors(answer.body()));
		}
		return answer.notBooked();
	}

	/**
	 * GeoReport v2 has no call to change a request, so a new report count is not sent;
	 * the platform sees the count it was given with the case.
	 */
	@Override
	public ForwardOutcome update(PlatformEndpoint platform, PlatformCase platformCase, String idempotencyKey) {
		log.info("Platform {} speaks Open311, which has no update call; case {} now stands for {} reports",
				platform.id(), platformCase.caseNumber(), platformCase.reportCount());
		return new ForwardOutcome.Delivered(null);
	}

	/**
	 * Open311 has no call for a withdrawal or a reminder either; the notice is logged and
	 * the platform's own queue shows the case.
	 */
	@Override
	public ForwardOutcome notice(PlatformEndpoint platform, org.gridintake.routes.forward.PlatformNotice notice,
			String idempotencyKey) {
		log.info("Platform {} speaks Open311, which has no {} call; case {}: {}", platform.id(), notice.kind(),
				notice.caseNumber(), notice.reason());
		return new ForwardOutcome.Delivered(null);
	}

	@Override
	public PolledStatus fetch(PlatformEndpoint platform, String caseNumber, String platformCaseId) {
		String query = (platform.protocol().apiKey() != null)
				? "?api_key=" + URLEncoder.encode(platform.protocol().apiKey(), StandardCharsets.UTF_8) : "";
		HttpRequest request = HttpRequest
			.newBuilder(PlatformHttp.under(PlatformHttp.under(platform.casesUrl(), "requests", ""), platformCaseId,
					".json" + query))
			.timeout(this.requestTimeout)
			.header("Accept", "application/json")
			.GET()
			.build();
		PlatformHttp.Answer answer = this.http.send(request);
		if (!answer.ok()) {
			return new PolledStatus.Unavailable(answer.describe());
		}
		JsonNode request0 = first(answer.body());
		if (request0 == null || !request0.path("status").isTextual()) {
			return new PolledStatus.Unavailable("no status in " + PlatformHttp.abbreviate(answer.body()));
		}
		return new PolledStatus.Known(request0.get("status").asText().toLowerCase(Locale.ROOT),
				text(request0, "status_notes"), PlatformHttp.instant(text(request0, "updated_datetime")));
	}

	/** The spec answers a list of one; some servers answer the object alone. */
	private JsonNode first(String body) {
		try {
			JsonNode node = this.json.readTree(body);
			if (node != null && node.isArray()) {
				return node.isEmpty() ? null : node.get(0);
			}
			return node;
		}
		catch (IOException ex) {
			return null;
		}
	}

	/** {@code service_request_id}, or the {@code token} of a server that books later. */
	private String requestId(String body) {
		JsonNode answer = first(body);
		if (answer == null) {
			return null;
		}
		String id = text(answer, "service_request_id");
		return (id != null) ? id : text(answer, "token");
	}

	/** The spec's {@code [{"code": 400, "description": "..."}]}, as one line. */
	private String errors(String body) {
		try {
			JsonNode node = this.json.readTree(body);
			if (node != null && node.isArray() && !node.isEmpty()) {
				StringBuilder text = new StringBuilder();
				node.forEach((error) -> {
					if (text.length() > 0) {
						text.append("; ");
					}
					text.append(error.path("description").asText(error.toString()));
				});
				return PlatformHttp.abbreviate(text.toString());
			}
		}
		catch (IOException ex) {
			// not the spec's shape: the raw body says more than nothing
		}
		return PlatformHttp.abbreviate(body);
	}

	private static String text(JsonNode node, String field) {
		JsonNode value = node.get(field);
		return (value != null && value.isValueNode() && !value.isNull()) ? value.asText() : null;
	}

	private static boolean isBlank(String text) {
		return text == null || text.isBlank();
	}

}
