package org.gridintake.gateway.web;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.RejectedExecutionException;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.gridintake.routes.intake.FieldError;
import org.gridintake.routes.intake.IntakeResult;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * How every HTTP channel answers a report: 202 with the case number only after the case
 * is committed, 400 naming the bad fields, 503 with Retry-After when nothing could be
 * kept. Counts each outcome per channel for operations.
 */
public final class IntakeAnswers {

	private static final Logger log = LoggerFactory.getLogger(IntakeAnswers.class);

	private final IntakeWorkers workers;

	private final MeterRegistry meters;

	private final String channel;

	private final String reporterField;

	/**
	 * @param reporterField the request field holding the reporter's number, named when
	 * that number is refused for filing too often
	 */
	IntakeAnswers(IntakeWorkers workers, MeterRegistry meters, String channel, String reporterField) {
		this.workers = workers;
		this.meters = meters;
		this.channel = channel;
		this.reporterField = reporterField;
	}

	/** Runs the pipeline off the event loop: it blocks on the database. */
	Mono<ResponseEntity<Object>> submit(Callable<IntakeResult> intake) {
		return this.workers.run(intake).map(this::answer).onErrorResume(RejectedExecutionException.class, (ex) -> {
			log.warn("A {} report was refused: every intake worker is busy and the queue is full", this.channel);
			count("overloaded");
			return Mono.just(ApiErrors.unavailable("the gateway is busy; nothing was kept, retry"));
		}).onErrorResume((ex) -> {
			log.error("A {} report could not be stored; the client is told to retry", this.channel, ex);
			count("unavailable");
			return Mono.just(ApiErrors.unavailable(
					"the report could not be stored now; retry with the same key: a report that was stored after all is answered with its case number, never filed twice"));
		});
	}

	ResponseEntity<Object> rejected(List<FieldError> errors) {
		count("rejected");
		return ApiErrors.of(HttpStatus.BAD_REQUEST, errors);
	}

	private ResponseEntity<Object> answer(IntakeResult result) {
		if (result instanceof IntakeResult.Rejected rejected) {
			return rejected(rejected.errors());
		}
		if (result instanceof IntakeResult.Throttled throttled) {
			count("throttled");
			return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
				.header("Retry-After", retryAfterSeconds(throttled.retryAfter()))
				.body(Map.of("errors", List.of(Map.of("field", this.reporterField, "message", throttled.message()))));
		}
		if (result instanceof IntakeResult.Attached attached) {
			return attachedAnswer(attached);
		}
		boolean duplicate = result instanceof IntakeResult.Duplicate;
		String caseNumber = duplicate ? ((IntakeResult.Duplicate) result).caseNumber().value()
				: ((IntakeResult.Accepted) result).caseNumber().value();
		count(duplicate ? "duplicate" : "accepted");
		String statusUrl = "/api/v1/cases/" + caseNumber;
		Map<String, Object> answer = new LinkedHashMap<>();
		answer.put("case_number", caseNumber);
		answer.put("status_url", statusUrl);
		answer.put("duplicate", duplicate);
		if (result instanceof IntakeResult.Accepted accepted) {
			answer.put("located", accepted.located());
			// the reporter now follows that case's progress
			answer.put("merged_into", (accepted.mergedInto() != null) ? accepted.mergedInto().value() : null);
		}
		return ResponseEntity.status(HttpStatus.ACCEPTED).location(URI.create(statusUrl)).body(answer);
	}

	/** Whole seconds, rounded up, and at least one: a client must not retry at once. */
	public static String retryAfterSeconds(java.time.Duration wait) {
		return Long.toString(Math.max(1, (wait.toMillis() + 999) / 1000));
	}

	/**
	 * The caller follows the case they were attached to, so that is the number they are
	 * given; the call's own case number is there for the record.
	 */
	private ResponseEntity<Object> attachedAnswer(IntakeResult.Attached attached) {
		count(attached.repeat() ? "duplicate" : "attached");
		String statusUrl = "/api/v1/cases/" + attached.master().value();
		Map<String, Object> answer = new LinkedHashMap<>();
		answer.put("case_number", attached.master().value());
		answer.put("status_url", statusUrl);
		answer.put("duplicate", attached.repeat());
		answer.put("attached_to", attached.master().value());
		answer.put("call_case_number", attached.caseNumber().value());
		return ResponseEntity.status(HttpStatus.ACCEPTED).location(URI.create(statusUrl)).body(answer);
	}

	private void count(String outcome) {
		this.meters.counter("gateway.intake", "channel", this.channel, "outcome", outcome).increment();
	}

}
