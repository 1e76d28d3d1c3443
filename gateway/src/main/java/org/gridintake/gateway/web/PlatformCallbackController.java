package org.gridintake.gateway.web;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.gridintake.gateway.config.GatewayProperties;
import org.gridintake.routes.casedraft.StatusUpdateResult;
import org.gridintake.routes.intake.InvalidReportException;
import org.gridintake.routes.pipeline.Endpoints;
import org.gridintake.routes.routing.PlatformDirectory;
import org.gridintake.routes.routing.PlatformEndpoint;
import org.gridintake.routes.status.PlatformStatusReport;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Where platforms report status changes. Unsigned callbacks get 401, wrongly signed or
 * stale ones 401/403, and none of them changes anything.
 */
@RestController
class PlatformCallbackController {

	private static final Logger log = LoggerFactory.getLogger(PlatformCallbackController.class);

	private final ProducerTemplate camel;

	private final PlatformDirectory platforms;

	private final JsonBodies bodies;

	private final GatewayProperties properties;

	private final Clock clock;

	PlatformCallbackController(ProducerTemplate camel, PlatformDirectory platforms, ObjectMapper json,
			GatewayProperties properties, Clock clock) {
		this.camel = camel;
		this.platforms = platforms;
		this.bodies = new JsonBodies(json);
		this.properties = properties;
		this.clock = clock;
	}

	record StatusCallback(@JsonProperty("case_number") String caseNumber, String status, String note,
			@JsonProperty("platform_case_id") String platformCaseId, @JsonProperty("occurred_at") String occurredAt,
			@JsonProperty("resident_must_act") Boolean residentMustAct) {
	}

	@PostMapping(path = "/api/v1/platforms/{platformId}/status", consumes = MediaType.APPLICATION_JSON_VALUE)
	Mono<ResponseEntity<Object>> status(@PathVariable String platformId, @RequestBody(required = false) byte[] body,
			@RequestHeader(name = CallbackSignature.TIMESTAMP_HEADER, required = false) String timestamp,
			@RequestHeader(name = CallbackSignature.SIGNATURE_HEADER, required = false) String signature) {
		Optional<PlatformEndpoint> platform = this.platforms.byId(platformId);
		if (platform.isEmpty()) {
			return Mono.just(ApiErrors.of(HttpStatus.FORBIDDEN, "platformId", "is not a configured platform"));
		}
		CallbackSignature.Verdict verdict = CallbackSignature.verify(platform.get().callbackSecret(), timestamp,
				signature, body, this.clock.instant(), this.properties.callbacks().maxSkew());
		switch (verdict) {
			case MISSING:
				return Mono.just(ApiErrors.of(HttpStatus.UNAUTHORIZED, CallbackSignature.SIGNATURE_HEADER,
						"is required, with " + CallbackSignature.TIMESTAMP_HEADER));
			case STALE:
				return Mono.just(ApiErrors.of(HttpStatus.UNAUTHORIZED, CallbackSignature.TIMESTAMP_HEADER,
						"is too far from the gateway's clock"));
			case WRONG:
				log.warn("Callback for platform {} with a wrong signature refused", platformId);
				return Mono.just(ApiErrors.of(HttpStatus.FORBIDDEN, CallbackSignature.SIGNATURE_HEADER,
						"does not match the body"));
			default:
				break;
		}
		PlatformStatusReport report;
		try {
			StatusCallback callback = this.bodies.parse(body, StatusCallback.class);
			report = new PlatformStatusReport(platformId, callback.caseNumber(), callback.status(), callback.note(),
					callback.platformCaseId(),
					(callback.occurredAt() != null) ? Instant.parse(callback.occurredAt()) : null,
					Boolean.TRUE.equals(callback.residentMustAct()));
		}
		catch (InvalidReportException ex) {
			return Mono.just(ApiErrors.of(HttpStatus.BAD_REQUEST, ex.errors()));
		}
		catch (DateTimeParseException ex) {
			return Mono.just(ApiErrors.of(HttpStatus.BAD_REQUEST, "occurred_at", "must be an ISO-8601 instant"));
		}
		return Mono
			.fromCallable(() -> this.camel.requestBody(Endpoints.PLATFORM_STATUS, report, StatusUpdateResult.class))
			.subscribeOn(Schedulers.boundedElastic())
			.map(PlatformCallbackController::answer)
			.onErrorResume((ex) -> {
				log.error("Status callback from {} could not be stored; the platform is told to retry", platformId, ex);
				return Mono.just(ApiErrors.unavailable("the status could not be stored now; retry"));
			});
	}

	private static ResponseEntity<Object> answer(StatusUpdateResult result) {
		if (result instanceof StatusUpdateResult.Applied applied) {
			return ResponseEntity.ok(body(applied.caseNumber().value(), applied.status().name(), true));
		}
		if (result instanceof StatusUpdateResult.Unchanged unchanged) {
			return ResponseEntity.ok(body(unchanged.caseNumber().value(), unchanged.status().name(), false));
		}
		StatusUpdateResult.Refused refused = (StatusUpdateResult.Refused) result;
		HttpStatus status = switch (refused.reason()) {
			case NOT_FOUND -> HttpStatus.NOT_FOUND;
			case NOT_YOURS -> HttpStatus.FORBIDDEN;
			case CONFLICT -> HttpStatus.CONFLICT;
			case INVALID -> HttpStatus.BAD_REQUEST;
		};
		return ApiErrors.of(status, "status", refused.message());
	}

	private static Map<String, Object> body(String caseNumber, String status, boolean changed) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("case_number", caseNumber);
		body.put("status", status);
		body.put("changed", changed);
		return body;
	}

}
