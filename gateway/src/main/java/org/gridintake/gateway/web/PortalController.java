package org.gridintake.gateway.web;

import java.time.Clock;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.ProducerTemplate;
import reactor.core.publisher.Mono;

import org.gridintake.routes.intake.IntakeResult;
import org.gridintake.routes.intake.InvalidReportException;
import org.gridintake.routes.pipeline.Endpoints;
import org.gridintake.routes.portal.PortalReport;
import org.gridintake.routes.portal.PortalSubmission;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * The web portal's report intake. The answer comes only after the case is committed: a
 * 202 means the report is durably stored; after a 503 the client retries with the same
 * Idempotency-Key, so a retry never makes two cases (and is answered with the case if the
 * commit landed but its answer was lost).
 */
@RestController
class PortalController {

	private final ProducerTemplate camel;

	private final JsonBodies bodies;

	private final IntakeAnswers answers;

	private final Clock clock;

	PortalController(ProducerTemplate camel, ObjectMapper json, MeterRegistry meters, IntakeWorkers workers,
			Clock clock) {
		this.camel = camel;
		this.bodies = new JsonBodies(json);
		this.answers = new IntakeAnswers(workers, meters, "portal", "mobile");
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
			return Mono.just(this.answers.rejected(ex.errors()));
		}
		return this.answers
			.submit(() -> this.camel.requestBody(Endpoints.PORTAL_INTAKE, submission, IntakeResult.class));
	}

}
