package org.gridintake.gateway.web;

import java.time.Clock;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.ProducerTemplate;
import reactor.core.publisher.Mono;

import org.gridintake.routes.hotline.CallLog;
import org.gridintake.routes.hotline.HotlineIntakeRoute.CallLogSubmission;
import org.gridintake.routes.intake.IntakeResult;
import org.gridintake.routes.intake.InvalidReportException;
import org.gridintake.routes.pipeline.Endpoints;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Call logs from the call-centre system or the operator console. The call id is the
 * idempotency key: posting the same call again returns its case and files nothing.
 */
@RestController
class HotlineController {

	private final ProducerTemplate camel;

	private final JsonBodies bodies;

	private final IntakeAnswers answers;

	private final Clock clock;

	HotlineController(ProducerTemplate camel, ObjectMapper json, MeterRegistry meters, Clock clock) {
		this.camel = camel;
		this.bodies = new JsonBodies(json);
		this.answers = new IntakeAnswers(meters, "hotline", "caller");
		this.clock = clock;
	}

	@PostMapping(path = "/api/v1/hotline/calls", consumes = MediaType.APPLICATION_JSON_VALUE)
	Mono<ResponseEntity<Object>> log(@RequestBody(required = false) byte[] body) {
		CallLogSubmission submission;
		try {
			submission = new CallLogSubmission(this.bodies.parse(body, CallLog.class), body, this.clock.instant());
		}
		catch (InvalidReportException ex) {
			return Mono.just(this.answers.rejected(ex.errors()));
		}
		return this.answers
			.submit(() -> this.camel.requestBody(Endpoints.HOTLINE_INTAKE, submission, IntakeResult.class));
	}

}
