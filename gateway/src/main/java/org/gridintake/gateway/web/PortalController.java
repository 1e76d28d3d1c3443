package org.gridintake.gateway.web;

import java.net.URI;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.gridintake.routes.intake.IntakeResult;
import org.gridintake.routes.intake.InvalidReportException;
import org.gridintake.routes.pipeline.Endpoints;
import org.gridintake.routes.portal.PortalReport;
import org.gridintake.routes.portal.PortalSubmission;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * The web portal's report intake. The answer comes only after the case is committed: a
 * 202 means the report is durably stored, a 503 means nothing was kept and the client
 * should retry (with the same Idempotency-Key, so a retry never makes two cases).
 */
@RestController
class PortalController {

	private static final Logger log = LoggerFactory.getLogger(PortalController.class);

	private final ProducerTemplate camel;

	private final JsonBodies bodies;

	private final MeterRegistry meters;

	private final Clock clock;

	PortalController(ProducerTemplate camel, ObjectMapper json, MeterRegistry meters, Clock clock) {
		this.camel = camel;
		this.bodies = new JsonBodies(json);
		this.meters = meters;
		this.clock = clock;
	}

	@PostMapping(path = "/api/v1/reports", consumes = MediaType.APPLICATION_JSON_VALUE)
	Mono<ResponseEntity<Object>> submit(@RequestBody(required = false) byte[] body,
			@RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
			@RequestHeader(name = HttpHeaders.CONTENT_TYPE) String contentType) {
		PortalSubmission submission;
		try {
			submission = new PortalSubmission(this.bodies.parse(body, PortalReport.class), idempotencyKey, body,
					contentType, this.clock.instant());
		}
		catch (InvalidReportException ex) {
			return Mono.just(rejected(new IntakeResult.Rejected(ex.errors())));
		}
		return Mono.fromCallable(() -> this.camel.requestBody(Endpoints.PORTAL_INTAKE, submission, IntakeResult.class))
			.subscribeOn(Schedulers.boundedElastic())
			.map(this::answer)
			.onErrorResume((ex) -> {
				log.error("Portal report could not be stored; the client is told to retry", ex);
				this.meters.counter("gateway.intake", "channel", "portal", "outcome", "unavailable").increment();
				return Mono.just(ApiErrors.unavailable("the report could not be stored now; nothing was kept, retry"));
			});
	}

	private ResponseEntity<Object> answer(IntakeResult result) {
		if (result instanceof IntakeResult.Rejected rejected) {
			return rejected(rejected);
		}
		boolean duplicate = result instanceof IntakeResult.Duplicate;
		String caseNumber = duplicate ? ((IntakeResult.Duplicate) result).caseNumber().value()
				: ((IntakeResult.Accepted) result).caseNumber().value();
		this.meters.counter("gateway.intake", "channel", "portal", "outcome", duplicate ? "duplicate" : "accepted")
			.increment();
		String statusUrl = "/api/v1/cases/" + caseNumber;
		Map<String, Object> answer = new LinkedHashMap<>();
		answer.put("case_number", caseNumber);
		answer.put("status_url", statusUrl);
		answer.put("duplicate", duplicate);
		return ResponseEntity.status(HttpStatus.ACCEPTED).location(URI.create(statusUrl)).body(answer);
	}

	private ResponseEntity<Object> rejected(IntakeResult.Rejected rejected) {
		this.meters.counter("gateway.intake", "channel", "portal", "outcome", "rejected").increment();
		return ApiErrors.of(HttpStatus.BAD_REQUEST, rejected.errors());
	}

}
