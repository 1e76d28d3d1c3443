package org.gridintake.gateway.web.open311;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.gridintake.gateway.config.GatewayProperties;
import org.gridintake.gateway.access.DeferredCredential;
import org.gridintake.gateway.config.MediaProperties;
import org.gridintake.gateway.web.MultipartForms;
import org.gridintake.gateway.web.IntakeAnswers;
import org.gridintake.gateway.web.IntakeWorkers;
import org.gridintake.routes.casedraft.CaseNumber;
import org.gridintake.routes.casedraft.CaseStore;
import org.gridintake.routes.casedraft.CaseStore.CaseRecord;
import org.gridintake.routes.intake.IntakeResult;
import org.gridintake.routes.open311.Open311Error;
import org.gridintake.routes.media.PhotoIntake;
import org.gridintake.routes.media.PhotoIntake.CheckedPhoto;
import org.gridintake.routes.media.PhotoRejectedException;
import org.gridintake.routes.open311.Open311Formats;
import org.gridintake.routes.open311.Open311Listing;
import org.gridintake.routes.open311.Open311RejectedException;
import org.gridintake.routes.open311.Open311Request;
import org.gridintake.routes.open311.Open311RequestMapper;
import org.gridintake.routes.open311.Open311Views;
import org.gridintake.routes.pipeline.Endpoints;
import org.gridintake.routes.portal.PortalSubmission;
import org.gridintake.routes.routing.Taxonomy;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.http.codec.multipart.PartEvent;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

/**
 * The Open311 GeoReport v2 face of the portal intake. Requests go through the same portal
 * route as {@code /api/v1/reports}, so both front ends get one validation and one
 * pipeline; the format is chosen by the {@code .json}/{@code .xml} suffix, as the spec
 * does it.
 */
@RestController
@RequestMapping("/open311/v2")
class Open311Controller {

	private static final Logger log = LoggerFactory.getLogger(Open311Controller.class);

	/** The same limit as the JSON portal API. */
	private static final int MAX_BODY_BYTES = 64 * 1024;

	private static final MediaType XML = MediaType.parseMediaType("text/xml;charset=UTF-8");

	private static final MediaType JSON = MediaType.parseMediaType("application/json;charset=UTF-8");

	private final ProducerTemplate camel;

	private final CaseStore cases;

	private final ObjectMapper json;

	private final Open311Formats formats;

	private final Open311Views views;

	private final Open311RequestMapper mapper;

	private final PhotoIntake photos;

	private final MultipartForms forms;

	private final MeterRegistry meters;

	private final IntakeWorkers workers;

	private final Clock clock;

	Open311Controller(ProducerTemplate camel, CaseStore cases, Taxonomy taxonomy, GatewayProperties properties,
			PhotoIntake photos, MediaProperties media, ObjectMapper json, MeterRegistry meters, IntakeWorkers workers,
			Clock clock) {
		this.workers = workers;
		this.camel = camel;
		this.cases = cases;
		this.json = json;
		this.formats = new Open311Formats(json);
		this.views = new Open311Views(taxonomy, properties.zone());
		this.mapper = new Open311RequestMapper(properties.serviceDistrict(), photos.links(),
				photos.limits().maxPhotos());
		this.photos = photos;
		this.forms = new MultipartForms(media.maxPhotoSize().toBytes(), media.maxRequestSize().toBytes());
		this.meters = meters;
		this.clock = clock;
	}

	@GetMapping("/services.{format}")
	ResponseEntity<String> services(@PathVariable String format,
			@RequestParam(name = "jurisdiction_id", required = false) String jurisdictionId) {
		Optional<Format> wanted = Format.of(format);
		if (wanted.isEmpty()) {
			return unknownFormat();
		}
		try {
			this.mapper.checkJurisdiction(jurisdictionId);
		}
		catch (Open311RejectedException ex) {
			return errors(wanted.get(), ex);
		}
		return list(wanted.get(), HttpStatus.OK, "services", "service", this.views.services());
	}

	@PostMapping(path = "/requests.{format}",
			consumes = { MediaType.APPLICATION_FORM_URLENCODED_VALUE, MediaType.APPLICATION_JSON_VALUE })
	Mono<ResponseEntity<String>> create(@PathVariable String format, ServerWebExchange exchange,
			@RequestHeader(name = HttpHeaders.CONTENT_TYPE) String contentType,
			@RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) {
		Optional<Format> wanted = Format.of(format);
		if (wanted.isEmpty()) {
			return Mono.just(unknownFormat());
		}
		// WebFlux hands form bodies only to getFormData(), which loses the raw bytes the
		// case keeps; so the body is read as sent, for both content types
		return DataBufferUtils.join(exchange.getRequest().getBody(), MAX_BODY_BYTES).map((buffer) -> {
			byte[] bytes = new byte[buffer.readableByteCount()];
			buffer.read(bytes);
			DataBufferUtils.release(buffer);
			return bytes;
		})
			.defaultIfEmpty(new byte[0])
			.flatMap((raw) -> submit(wanted.get(), raw, contentType, idempotencyKey, exchange))
			.onErrorResume(DataBufferLimitException.class, (ex) -> Mono.just(errors(wanted.get(),
					new Open311RejectedException(413, "body: must be at most " + MAX_BODY_BYTES / 1024 + " KB"))));
	}

	private Mono<ResponseEntity<String>> submit(Format format, byte[] raw, String contentType, String idempotencyKey,
			ServerWebExchange exchange) {
		PortalSubmission submission;
		try {
			boolean json = MediaType.parseMediaType(contentType).isCompatibleWith(MediaType.APPLICATION_JSON);
			Map<String, String> parameters = json ? jsonParameters(raw) : formParameters(raw);
			Optional<DeferredCredential.Refusal> refused = DeferredCredential.check(exchange,
					parameters.get("api_key"));
			if (refused.isPresent()) {
				return Mono.just(errors(format,
						new Open311RejectedException(refused.get().status().value(), refused.get().message())));
			}
			// a credential is not part of the report: the case keeps the rest as sent
			byte[] kept = (!json && parameters.containsKey("api_key")) ? withoutApiKey(raw) : raw;
			submission = this.mapper.toSubmission(Open311Request.fromParameters(parameters), idempotencyKey, kept,
					contentType, this.clock.instant());
		}
		catch (Open311RejectedException ex) {
			count("rejected");
			return Mono.just(errors(format, ex));
		}
		return intake(format, submission, () -> {
		});
	}

	/**
	 * A request with photos: the spec's fields as form parts, and photos as {@code media}
	 * file parts. Every photo is checked before any is stored, and all are stored durably
	 * before the case that names them is recorded; a photo stored for a request that then
	 * fails is harmless, and a retry finds it already there.
	 */
	@PostMapping(path = "/requests.{format}", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	Mono<ResponseEntity<String>> createWithPhotos(@PathVariable String format,
			@RequestBody(required = false) Flux<PartEvent> parts, ServerWebExchange exchange,
			@RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) {
		Optional<Format> wanted = Format.of(format);
		if (wanted.isEmpty()) {
			return Mono.just(unknownFormat());
		}
		return this.forms
			.read((parts != null) ? parts : Flux.empty(), exchange.getRequest().getHeaders().getContentLength())
			.flatMap((form) -> submitWithPhotos(wanted.get(), form, idempotencyKey, exchange))
			.onErrorResume(MultipartForms.Refused.class, (ex) -> {
				count("rejected");
				return Mono.just(errors(wanted.get(),
						new Open311RejectedException(ex.status().value(), ex.field() + ": " + ex.getMessage())));
			});
	}

	private Mono<ResponseEntity<String>> submitWithPhotos(Format format, MultipartForms.Form form,
			String idempotencyKey, ServerWebExchange exchange) {
		Optional<DeferredCredential.Refusal> refused = DeferredCredential.check(exchange, form.fields().get("api_key"));
		if (refused.isPresent()) {
			return Mono.just(errors(format,
					new Open311RejectedException(refused.get().status().value(), refused.get().message())));
		}
		List<Open311Error> problems = new ArrayList<>();
		HttpStatus status = HttpStatus.BAD_REQUEST;
		List<CheckedPhoto> checked = List.of();
		try {
			checked = this.photos.check(form.photos(), MultipartForms.PHOTO_PART);
		}
		catch (PhotoRejectedException ex) {
			status = MultipartForms.statusOf(ex);
			int code = status.value();
			ex.problems()
				.forEach((problem) -> problems
					.add(new Open311Error(code, problem.error().field() + ": " + problem.error().message())));
		}
		List<String> urls = checked.stream().map((photo) -> this.photos.urlOf(photo.expected())).toList();
		PortalSubmission submission = null;
		try {
			// the photos themselves are in the photo store; the case's raw message keeps
			// the fields as sent and the photos by URL
			submission = this.mapper.toSubmission(Open311Request.fromParameters(form.fields()), urls, idempotencyKey,
					MultipartForms.formEncoded(withoutApiKey(form.fields()), MultipartForms.PHOTO_PART, urls),
					MediaType.APPLICATION_FORM_URLENCODED_VALUE + ";charset=UTF-8", this.clock.instant());
		}
		catch (Open311RejectedException ex) {
			if (ex.status() != HttpStatus.BAD_REQUEST.value()) {
				count("rejected");
				return Mono.just(errors(format, ex));
			}
			problems.addAll(ex.errors());
		}
		if (!problems.isEmpty()) {
			count("rejected");
			return Mono.just(errors(format, new Open311RejectedException(status.value(), problems)));
		}
		List<CheckedPhoto> photos = checked;
		return intake(format, submission, () -> this.photos.store(photos));
	}

	/**
	 * Runs the portal pipeline off the event loop, after {@code before} (which may store
	 * what the case will name); any failure there means nothing was recorded.
	 */
	private Mono<ResponseEntity<String>> intake(Format format, PortalSubmission submission, Runnable before) {
		Mono<IntakeResult> recorded = this.workers.run(() -> {
			before.run();
			return this.camel.requestBody(Endpoints.PORTAL_INTAKE, submission, IntakeResult.class);
		});
		return recorded.map((result) -> answer(format, result)).onErrorResume((ex) -> {
			log.error("Open311 request could not be stored; the client is told to retry", ex);
			count("unavailable");
			return Mono.just(ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
				.header(HttpHeaders.RETRY_AFTER, "5")
				.contentType(format.mediaType)
				.body(render(format, List
					.of(new Open311Error(503, "the request could not be stored now; no case was kept, retry")))));
		});
	}

	@GetMapping("/requests/{id}.{format}")
	Mono<ResponseEntity<String>> one(@PathVariable String id, @PathVariable String format,
			@RequestParam(name = "jurisdiction_id", required = false) String jurisdictionId) {
		Optional<Format> wanted = Format.of(format);
		if (wanted.isEmpty()) {
			return Mono.just(unknownFormat());
		}
		try {
			this.mapper.checkJurisdiction(jurisdictionId);
		}
		catch (Open311RejectedException ex) {
			return Mono.just(errors(wanted.get(), ex));
		}
		Optional<CaseNumber> number = CaseNumber.parse(id);
		if (number.isEmpty()) {
			return Mono.just(errors(wanted.get(),
					new Open311RejectedException(404, "service_request_id: no such service request")));
		}
		return Mono.fromCallable(() -> this.cases.find(number.get()))
			.subscribeOn(Schedulers.boundedElastic())
			.map((found) -> found
				.map((record) -> list(wanted.get(), HttpStatus.OK, "service_requests", "request",
						List.of(this.views.request(record))))
				.orElseGet(() -> errors(wanted.get(),
						new Open311RejectedException(404, "service_request_id: no such service request"))));
	}

	/**
	 * By {@code service_request_id}: those cases, narrowed by the other filters. Without
	 * it: the spec's search by service code, state and date window, newest first.
	 */
	@GetMapping("/requests.{format}")
	Mono<ResponseEntity<String>> search(@PathVariable String format, @RequestParam Map<String, String> parameters) {
		Optional<Format> wanted = Format.of(format);
		if (wanted.isEmpty()) {
			return Mono.just(unknownFormat());
		}
		Open311Listing listing;
		try {
			this.mapper.checkJurisdiction(parameters.get("jurisdiction_id"));
			listing = Open311Listing.parse(parameters);
		}
		catch (Open311RejectedException ex) {
			return Mono.just(errors(wanted.get(), ex));
		}
		return Mono.fromCallable(() -> found(listing).stream().map(this.views::request).toList())
			.subscribeOn(Schedulers.boundedElastic())
			.map((found) -> list(wanted.get(), HttpStatus.OK, "service_requests", "request", found));
	}

	private List<CaseRecord> found(Open311Listing listing) {
		if (!listing.byIds()) {
			return this.cases.search(listing.query(this.clock.instant()));
		}
		return listing.ids().stream().map(this.cases::find).flatMap(Optional::stream).filter(listing::matches).toList();
	}

	private ResponseEntity<String> answer(Format format, IntakeResult result) {
		if (result instanceof IntakeResult.Rejected rejected) {
			count("rejected");
			return errors(format, new Open311RejectedException(400, Open311RequestMapper.describe(rejected.errors())));
		}
		if (result instanceof IntakeResult.Throttled throttled) {
			count("throttled");
			ResponseEntity<String> refused = errors(format,
					new Open311RejectedException(429, "phone: " + throttled.message()));
			return ResponseEntity.status(refused.getStatusCode())
				.headers(refused.getHeaders())
				.header(HttpHeaders.RETRY_AFTER, IntakeAnswers.retryAfterSeconds(throttled.retryAfter()))
				.body(refused.getBody());
		}
		boolean duplicate = result instanceof IntakeResult.Duplicate;
		String caseNumber = duplicate ? ((IntakeResult.Duplicate) result).caseNumber().value()
				: ((IntakeResult.Accepted) result).caseNumber().value();
		boolean located = !duplicate && ((IntakeResult.Accepted) result).located();
		count(duplicate ? "duplicate" : "accepted");
		Map<String, Object> view = new LinkedHashMap<>();
		view.put("service_request_id", caseNumber);
		IntakeResult.Accepted accepted = duplicate ? null : (IntakeResult.Accepted) result;
		view.put("service_notice",
				duplicate ? "此问题已受理过，编号" + caseNumber
						: (accepted.mergedInto() != null)
								? "已受理，编号" + caseNumber + "；此问题已有居民反映（编号" + accepted.mergedInto().value() + "），正在办理"
								: located ? "已受理，编号" + caseNumber : "已受理，编号" + caseNumber + "；位置待核实，可能会与您联系");
		view.put("account_id", null);
		return list(format, duplicate ? HttpStatus.OK : HttpStatus.CREATED, "service_requests", "request",
				List.of(view));
	}

	private void count(String outcome) {
		this.meters.counter("gateway.intake", "channel", "open311", "outcome", outcome).increment();
	}

	private ResponseEntity<String> list(Format format, HttpStatus status, String root, String item,
			List<Map<String, Object>> items) {
		String body = (format == Format.XML) ? Open311Formats.xml(root, item, items) : this.formats.json(items);
		return ResponseEntity.status(status).contentType(format.mediaType).body(body);
	}

	private ResponseEntity<String> errors(Format format, Open311RejectedException ex) {
		return ResponseEntity.status(ex.status()).contentType(format.mediaType).body(render(format, ex.errors()));
	}

	private String render(Format format, List<Open311Error> errors) {
		return (format == Format.XML) ? Open311Formats.errorsXml(errors) : this.formats.errorsJson(errors);
	}

	private ResponseEntity<String> unknownFormat() {
		return ResponseEntity.status(HttpStatus.NOT_FOUND)
			.contentType(JSON)
			.body(this.formats.errorsJson(List.of(new Open311Error(404, "format: must be json or xml"))));
	}

	private Map<String, String> jsonParameters(byte[] body) {
		JsonNode tree;
		try {
			tree = this.json.readTree(body);
		}
		catch (JsonProcessingException ex) {
			throw new Open311RejectedException(400, "body: is not valid JSON");
		}
		catch (java.io.IOException ex) {
			throw new Open311RejectedException(400, "body: could not be read");
		}
		if (tree == null || !tree.isObject()) {
			throw new Open311RejectedException(400, "body: must be a JSON object");
		}
		Map<String, String> parameters = new HashMap<>();
		List<Open311Error> errors = new ArrayList<>();
		tree.fields().forEachRemaining((field) -> {
			JsonNode value = field.getValue();
			if (value.isValueNode()) {
				parameters.put(field.getKey(), value.isNull() ? null : value.asText());
			}
			else {
				errors.add(new Open311Error(400, field.getKey() + ": has the wrong type"));
			}
		});
		if (!errors.isEmpty()) {
			throw new Open311RejectedException(400, errors);
		}
		return parameters;
	}

	/** The first value of each parameter, as a form post sends it. */
	private static byte[] withoutApiKey(byte[] formBody) {
		String kept = java.util.Arrays.stream(new String(formBody, StandardCharsets.ISO_8859_1).split("&"))
			.filter((pair) -> !pair.startsWith("api_key=") && !pair.equals("api_key"))
			.collect(java.util.stream.Collectors.joining("&"));
		return kept.getBytes(StandardCharsets.ISO_8859_1);
	}

	private static Map<String, String> withoutApiKey(Map<String, String> fields) {
		Map<String, String> kept = new java.util.LinkedHashMap<>(fields);
		kept.remove("api_key");
		return kept;
	}

	private static Map<String, String> formParameters(byte[] body) {
		Map<String, String> parameters = new HashMap<>();
		for (String pair : new String(body, StandardCharsets.UTF_8).split("&")) {
			if (pair.isEmpty()) {
				continue;
			}
			int equals = pair.indexOf('=');
			try {
				String name = URLDecoder.decode((equals < 0) ? pair : pair.substring(0, equals),
						StandardCharsets.UTF_8);
				String value = (equals < 0) ? ""
						: URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
				parameters.putIfAbsent(name, value);
			}
			catch (IllegalArgumentException ex) {
				throw new Open311RejectedException(400, "body: is not valid form encoding");
			}
		}
		return parameters;
	}

	private enum Format {

		JSON(Open311Controller.JSON), XML(Open311Controller.XML);

		private final MediaType mediaType;

		Format(MediaType mediaType) {
			this.mediaType = mediaType;
		}

		static Optional<Format> of(String suffix) {
			return switch (suffix) {
				case "json" -> Optional.of(JSON);
				case "xml" -> Optional.of(XML);
				default -> Optional.empty();
			};
		}

	}

}
