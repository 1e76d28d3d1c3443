package org.gridintake.gateway.web;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.gridintake.gateway.config.FieldVisitProperties;
import org.gridintake.routes.field.FieldBatchOutcome;
import org.gridintake.routes.field.FieldUpload;
import org.gridintake.routes.field.ItemOutcome;
import org.gridintake.routes.intake.IntakeResult;
import org.gridintake.routes.pipeline.Endpoints;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

/**
 * Batches of field reports from grid workers' phone apps. A problem with the batch as a
 * whole (who sent it, no list, too many reports) answers 400; otherwise the answer is 200
 * with one result per report, in order, given only once each accepted report is
 * committed. An app re-sends what it has not seen accepted or duplicate: a report filed
 * before answers {@code duplicate} with its case number, and nothing is filed twice.
 */
@RestController
class FieldVisitController {

	private static final Logger log = LoggerFactory.getLogger(FieldVisitController.class);

	private final ProducerTemplate camel;

	private final MeterRegistry meters;

	private final IntakeWorkers workers;

	private final Clock clock;

	private final int maxBodyBytes;

	FieldVisitController(ProducerTemplate camel, FieldVisitProperties properties, MeterRegistry meters,
			IntakeWorkers workers, Clock clock) {
		this.workers = workers;
		this.camel = camel;
		this.meters = meters;
		this.clock = clock;
		this.maxBodyBytes = (int) Math.min(Integer.MAX_VALUE, properties.maxBatchSize().toBytes());
	}

	/**
	 * The body is read here rather than by the JSON codec, whose limit is sized for one
	 * portal report; a batch may be larger, up to its own limit.
	 */
	@PostMapping(path = "/api/v1/field/batches", consumes = MediaType.APPLICATION_JSON_VALUE)
	Mono<ResponseEntity<Object>> upload(ServerWebExchange exchange) {
		return DataBufferUtils.join(exchange.getRequest().getBody(), this.maxBodyBytes).map((buffer) -> {
			byte[] bytes = new byte[buffer.readableByteCount()];
			buffer.read(bytes);
			DataBufferUtils.release(buffer);
			return bytes;
		})
			.defaultIfEmpty(new byte[0])
			.flatMap((body) -> submit(new FieldUpload(body, this.clock.instant())))
			.onErrorResume(DataBufferLimitException.class, (ex) -> {
				countBatch("too_large");
				return Mono.just(ApiErrors.of(HttpStatus.PAYLOAD_TOO_LARGE, "body",
						"must be at most " + this.maxBodyBytes / 1024 + " KB; send the reports in smaller batches"));
			});
	}

	private Mono<ResponseEntity<Object>> submit(FieldUpload upload) {
		// the pipeline blocks on the database: off the event loop
		return this.workers.run(() -> this.camel.requestBody(Endpoints.FIELD_INTAKE, upload))
			.map(this::answer)
			.onErrorResume((ex) -> {
				log.error("A field batch could not be processed; the app is told to send it again", ex);
				countBatch("unavailable");
				return Mono.just(ApiErrors.unavailable(
						"the batch could not be processed now; send it again (reports already filed answer as duplicates)"));
			});
	}

	private ResponseEntity<Object> answer(Object result) {
		if (result instanceof IntakeResult.Rejected rejected) {
			countBatch("rejected");
			return ApiErrors.of(HttpStatus.BAD_REQUEST, rejected.errors());
		}
		if (!(result instanceof FieldBatchOutcome outcome)) {
			throw new IllegalStateException("the field route answered " + result);
		}
		countBatch("processed");
		List<Map<String, Object>> results = outcome.items().stream().map(this::result).toList();
		ResponseEntity.BodyBuilder ok = ResponseEntity.ok();
		if (outcome.count(ItemOutcome.Outcome.RETRY) > 0) {
			ok.header(HttpHeaders.RETRY_AFTER, "5");
		}
		return ok.body(Map.of("results", results));
	}

	private Map<String, Object> result(ItemOutcome item) {
		this.meters.counter("gateway.intake", "channel", "field", "outcome", item.outcome().code()).increment();
		Map<String, Object> result = new LinkedHashMap<>();
		result.put("client_id", item.clientId());
		result.put("index", item.index());
		result.put("outcome", item.outcome().code());
		result.put("case_number", (item.caseNumber() != null) ? item.caseNumber().value() : null);
		result.put("errors",
				item.errors().stream().map((e) -> Map.of("field", e.field(), "message", e.message())).toList());
		return result;
	}

	private void countBatch(String outcome) {
		this.meters.counter("gateway.field.batches", "outcome", outcome).increment();
	}

}
