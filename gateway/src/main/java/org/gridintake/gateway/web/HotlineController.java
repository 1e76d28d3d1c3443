package org.gridintake.gateway.web;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.gridintake.routes.casedraft.CaseDraft;
import org.gridintake.routes.casedraft.CaseStore.AmendOutcome;
import org.gridintake.routes.casedraft.CaseStore.AmendRefusal;
import org.gridintake.routes.hotline.CallAmender;
import org.gridintake.routes.hotline.CallLog;
import org.gridintake.routes.hotline.HotlineIntakeRoute.CallLogSubmission;
import org.gridintake.routes.intake.FieldError;
import org.gridintake.routes.intake.IntakeResult;
import org.gridintake.routes.intake.InvalidReportException;
import org.gridintake.routes.pipeline.Endpoints;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Call logs from the call-centre system or the operator console. The call id is the
 * idempotency key: posting the same call again returns its case and files nothing. A
 * logged call may be corrected with a PUT under its id until its case is forwarded.
 */
@RestController
class HotlineController {

	private static final Logger log = LoggerFactory.getLogger(HotlineController.class);

	private static final int MAX_CALL_ID_LENGTH = 128;

	private final ProducerTemplate camel;

	private final JsonBodies bodies;

	private final IntakeAnswers answers;

	private final CallAmender amender;

	private final Clock clock;

	HotlineController(ProducerTemplate camel, ObjectMapper json, MeterRegistry meters, IntakeWorkers workers,
			CallAmender amender, Clock clock) {
		this.camel = camel;
		this.bodies = new JsonBodies(json);
		this.answers = new IntakeAnswers(workers, meters, "hotline", "caller");
		this.amender = amender;
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

	@PutMapping(path = "/api/v1/hotline/calls/{callId}", consumes = MediaType.APPLICATION_JSON_VALUE)
	Mono<ResponseEntity<Object>> amend(@PathVariable String callId, @RequestBody(required = false) byte[] body) {
		String id = callId.strip();
		if (id.isEmpty() || id.length() > MAX_CALL_ID_LENGTH) {
			return Mono.just(this.answers
				.rejected(List.of(new FieldError("call_id", "must be 1 to " + MAX_CALL_ID_LENGTH + " characters"))));
		}
		CallLog amended;
		try {
			amended = this.bodies.parse(body, CallLog.class);
		}
		catch (InvalidReportException ex) {
			return Mono.just(this.answers.rejected(ex.errors()));
		}
		Instant at = this.clock.instant();
		return Mono.fromCallable(() -> amendAnswer(this.amender.amend(id, amended, body, at)))
			.subscribeOn(Schedulers.boundedElastic())
			.onErrorResume(InvalidReportException.class, (ex) -> Mono.just(this.answers.rejected(ex.errors())))
			.onErrorResume((ex) -> {
				log.error("An amendment of a hotline call could not be stored; the client is told to retry", ex);
				return Mono
					.just(ApiErrors.unavailable("the amendment could not be stored now; nothing changed, retry"));
			});
	}

	private static ResponseEntity<Object> amendAnswer(AmendOutcome outcome) {
		if (outcome instanceof AmendOutcome.NotFound) {
			return ApiErrors.of(HttpStatus.NOT_FOUND, "call_id", "no call with this id has been logged");
		}
		if (outcome instanceof AmendOutcome.Refused refused) {
			ResponseEntity<Object> conflict = ApiErrors.of(HttpStatus.CONFLICT, "call_id", refused.message());
			if (refused.reason() == AmendRefusal.IN_FLIGHT) {
				return ResponseEntity.status(HttpStatus.CONFLICT).header("Retry-After", "2").body(conflict.getBody());
			}
			return conflict;
		}
		AmendOutcome.Amended amended = (AmendOutcome.Amended) outcome;
		CaseDraft draft = amended.draft();
		Map<String, Object> answer = new LinkedHashMap<>();
		answer.put("case_number", draft.caseNumber().value());
		answer.put("status_url", "/api/v1/cases/" + draft.caseNumber().value());
		answer.put("changed", amended.changed());
		answer.put("located", draft.isLocated());
		answer.put("grid", draft.gridChain().map((chain) -> ConsoleViews.unit(chain.grid())).orElse(null));
		answer.put("community", draft.gridChain().map((chain) -> ConsoleViews.unit(chain.community())).orElse(null));
		answer.put("street", draft.gridChain().map((chain) -> ConsoleViews.unit(chain.street())).orElse(null));
		answer.put("category", draft.categoryCode());
		answer.put("route", (draft.route() != null) ? ConsoleViews.route(draft.route()) : null);
		return ResponseEntity.ok(answer);
	}

}
