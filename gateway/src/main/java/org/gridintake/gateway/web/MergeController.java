package org.gridintake.gateway.web;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.gridintake.routes.casedraft.CaseNumber;
import org.gridintake.routes.dedup.MergeIndexUnavailableException;
import org.gridintake.routes.dedup.MergeRecords;
import org.gridintake.routes.dedup.MergeRecords.SplitOutcome;
import org.gridintake.routes.dedup.OpenCaseIndex;
import org.gridintake.routes.intake.FieldError;
import org.gridintake.routes.intake.InvalidReportException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Undoing a wrong merge: an operator splits a report off its master into a case of its
 * own, which then goes to its own platform, even after the master was forwarded.
 */
@RestController
class MergeController {

	private static final Logger log = LoggerFactory.getLogger(MergeController.class);

	private final MergeRecords merges;

	private final OpenCaseIndex index;

	private final JsonBodies bodies;

	private final Clock clock;

	MergeController(MergeRecords merges, OpenCaseIndex index, ObjectMapper json, Clock clock) {
		this.merges = merges;
		this.index = index;
		this.bodies = new JsonBodies(json);
		this.clock = clock;
	}

	/** Who splits a report off, and why. */
	record SplitRequest(@JsonProperty("operator_id") String operatorId, String reason) {
	}

	@PostMapping(path = "/api/v1/cases/{caseNumber}/split", consumes = MediaType.APPLICATION_JSON_VALUE)
	Mono<ResponseEntity<Object>> split(@PathVariable String caseNumber, @RequestBody(required = false) byte[] body) {
		SplitRequest request;
		try {
			request = this.bodies.parse(body, SplitRequest.class);
			List<FieldError> errors = new java.util.ArrayList<>();
			if (request.operatorId() == null || request.operatorId().isBlank()) {
				errors.add(new FieldError("operator_id", "is required"));
			}
			if (request.reason() == null || request.reason().isBlank()) {
				errors.add(new FieldError("reason", "is required: say why the reports are different incidents"));
			}
			else if (request.reason().length() > 500) {
				errors.add(new FieldError("reason", "must be at most 500 characters"));
			}
			if (!errors.isEmpty()) {
				throw new InvalidReportException(errors);
			}
		}
		catch (InvalidReportException ex) {
			return Mono.just(ApiErrors.of(HttpStatus.BAD_REQUEST, ex.errors()));
		}
		return Mono
			.fromCallable(() -> this.merges.split(new CaseNumber(caseNumber),
					"operator:" + request.operatorId().strip(), request.reason().strip(), this.clock.instant()))
			.subscribeOn(Schedulers.boundedElastic())
			.map(this::answer);
	}

	private ResponseEntity<Object> answer(SplitOutcome outcome) {
		if (outcome instanceof SplitOutcome.NotFound notFound) {
			return ApiErrors.of(HttpStatus.NOT_FOUND, "case_number", "no case " + notFound.caseNumber().value());
		}
		if (outcome instanceof SplitOutcome.NotLinked notLinked) {
			return ApiErrors.of(HttpStatus.CONFLICT, "case_number",
					notLinked.caseNumber().value() + " is not linked to another case");
		}
		SplitOutcome.Split split = (SplitOutcome.Split) outcome;
		log.info("Case {} split off case {}", split.caseNumber().value(), split.formerMaster().value());
		if (split.openCase() != null) {
			try {
				this.index.add(split.openCase());
			}
			catch (MergeIndexUnavailableException ex) {
				// the next rebuild from PostgreSQL indexes it
				log.warn("Split case {} not indexed now: {}", split.caseNumber().value(), ex.getMessage());
			}
		}
		Map<String, Object> view = new LinkedHashMap<>();
		view.put("case_number", split.caseNumber().value());
		view.put("split_from", split.formerMaster().value());
		view.put("status_url", "/api/v1/cases/" + split.caseNumber().value());
		return ResponseEntity.ok(view);
	}

}
