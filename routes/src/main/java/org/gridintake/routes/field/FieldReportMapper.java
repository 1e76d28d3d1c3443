package org.gridintake.routes.field;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.type.LogicalType;

import org.gridintake.routes.casedraft.Channel;
import org.gridintake.routes.casedraft.ChannelRef;
import org.gridintake.routes.casedraft.RawMessage;
import org.gridintake.routes.casedraft.ReportOrigin;
import org.gridintake.routes.casedraft.ReportedPoint;
import org.gridintake.routes.casedraft.Reporter;
import org.gridintake.routes.intake.FieldError;
import org.gridintake.routes.intake.InboundReport;
import org.gridintake.routes.intake.InvalidReportException;
import org.gridintake.routes.intake.ReportFields;
import org.gridintake.routes.routing.Taxonomy;

/**
 * Checks a field batch in two steps. {@link #batch} checks the envelope (who uploads, and
 * a list of an acceptable length); a problem there refuses the whole batch.
 * {@link #toInbound} checks one report and turns it into an {@link InboundReport}; a
 * problem there refuses only that report. Every problem is reported at once, named by the
 * field the app sent (within a report, relative to that report).
 */
public class FieldReportMapper {

	static final int MAX_CLIENT_ID_LENGTH = 128;

	static final int MAX_TEXT_LENGTH = 2000;

	static final int MAX_PHOTOS = 3;

	static final int MAX_PHOTO_URL_LENGTH = 2048;

	private static final String WORKER_ID = "worker_id";

	private static final String REPORTS = "reports";

	private static final Set<String> ENVELOPE_FIELDS = Set.of(WORKER_ID, REPORTS);

	private final Taxonomy taxonomy;

	private final GridWorkers workers;

	private final FieldVisitRules rules;

	private final ObjectMapper strict = JsonMapper.builder()
		.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
		.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
		.disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
		// a number or boolean is not text either: a client id sent as 120 would not be
		// the
		// "120" the app keeps
		.withCoercionConfig(LogicalType.Textual,
				(config) -> config.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
					.setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
					.setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
		.build();

	public FieldReportMapper(Taxonomy taxonomy, GridWorkers workers, FieldVisitRules rules) {
		this.taxonomy = taxonomy;
		this.workers = workers;
		this.rules = rules;
	}

	/**
	 * The channel reference of a worker's report: the app's client id is unique per
	 * worker.
	 */
	public static ChannelRef channelRef(String workerId, String clientId) {
		return new ChannelRef(workerId + ":" + clientId.strip(), ChannelRef.Kind.CHANNEL);
	}

	/**
	 * Checks the envelope and lists the reports.
	 * @throws InvalidReportException naming {@code body}, {@code worker_id} or
	 * {@code reports} when the batch as a whole cannot be taken
	 */
	public FieldBatch batch(FieldUpload upload) {
		JsonNode root = parse(upload.body());
		List<FieldError> errors = new ArrayList<>();
		Iterator<String> names = root.fieldNames();
		while (names.hasNext()) {
			String name = names.next();
			if (!ENVELOPE_FIELDS.contains(name)) {
				errors.add(new FieldError(name, "is not a known field"));
			}
		}
		GridWorker worker = worker(root.get(WORKER_ID), errors);
		JsonNode reports = root.get(REPORTS);
		if (reports == null || reports.isNull()) {
			errors.add(new FieldError(REPORTS, "is required: a list of reports"));
		}
		else if (!reports.isArray()) {
			errors.add(new FieldError(REPORTS, "must be a list of reports"));
		}
		else if (reports.isEmpty()) {
			errors.add(new FieldError(REPORTS, "must hold at least one report"));
		}
		else if (reports.size() > this.rules.maxReportsPerBatch()) {
			errors.add(new FieldError(REPORTS, "holds " + reports.size() + " reports, at most "
					+ this.rules.maxReportsPerBatch() + " are taken at once; send the rest in another batch"));
		}
		if (!errors.isEmpty()) {
			throw new InvalidReportException(errors);
		}
		List<FieldItem> items = new ArrayList<>(reports.size());
		Map<String, Integer> firstIndex = new HashMap<>();
		for (int i = 0; i < reports.size(); i++) {
			FieldItem item = new FieldItem(i, worker, upload.receivedAt(), reports.get(i), null);
			String clientId = item.clientId();
			Integer earlier = (clientId != null) ? firstIndex.putIfAbsent(clientId.strip(), i) : null;
			items
				.add((earlier != null) ? new FieldItem(i, worker, upload.receivedAt(), reports.get(i), earlier) : item);
		}
		return new FieldBatch(worker, items);
	}

	/**
	 * Checks one report of a batch.
	 * @throws InvalidReportException naming each bad field relative to the report
	 * ({@code location.lat}, {@code photos[1]}); the empty field name stands for the
	 * report as a whole
	 */
	public InboundReport toInbound(FieldItem item) {
		if (!item.report().isObject()) {
			throw new InvalidReportException(List.of(new FieldError("", "must be a JSON object")));
		}
		FieldReport report = bind(item.report());
		List<FieldError> errors = new ArrayList<>();
		String clientId = ReportFields.required(report.clientId(), FieldReport.CLIENT_ID, MAX_CLIENT_ID_LENGTH, errors);
		if (item.firstIndexOfClientId() != null) {
			errors.add(new FieldError(FieldReport.CLIENT_ID,
					"repeats the client_id of reports[" + item.firstIndexOfClientId() + "] in this batch"));
		}
		String category = ReportFields.blankToNull(report.category());
		if (category == null) {
			errors.add(new FieldError("category", "is required"));
		}
		else if (this.taxonomy.find(category).isEmpty()) {
			errors.add(new FieldError("category", "is not a known category code"));
		}
		String text = (report.text() != null) ? report.text().strip() : "";
		if (text.isEmpty()) {
			errors.add(new FieldError("text", "is required"));
		}
		else if (text.codePointCount(0, text.length()) > MAX_TEXT_LENGTH) {
			errors.add(new FieldError("text", "must be at most " + MAX_TEXT_LENGTH + " characters"));
		}
		ReportedPoint point = point(report.location(), errors);
		Instant takenAt = takenAt(report.takenAt(), item.receivedAt(), errors);
		List<String> photos = photos(report.photos(), errors);
		if (!errors.isEmpty()) {
			throw new InvalidReportException(errors);
		}
		String workerId = item.worker().id();
		return new InboundReport(Channel.FIELD, channelRef(workerId, clientId), item.receivedAt(), Reporter.anonymous(),
				text, point, null, category, raw(workerId, item.report()),
				ReportOrigin.gridWorker(workerId, takenAt, Boolean.TRUE.equals(report.outsideArea()), photos));
	}

	private JsonNode parse(byte[] body) {
		if (body == null || body.length == 0) {
			throw invalid("body", "is empty; send a JSON object with worker_id and reports");
		}
		try {
			StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(body));
		}
		catch (CharacterCodingException ex) {
			throw invalid("body", "is not valid UTF-8");
		}
		JsonNode root;
		try {
			root = this.strict.readTree(body);
		}
		catch (JsonProcessingException ex) {
			throw invalid("body", "is not valid JSON: " + ex.getOriginalMessage());
		}
		catch (IOException ex) {
			throw invalid("body", "could not be read");
		}
		if (root == null || !root.isObject()) {
			throw invalid("body", "must be a JSON object with worker_id and reports");
		}
		return root;
	}

	private GridWorker worker(JsonNode id, List<FieldError> errors) {
		if (id == null || id.isNull() || (id.isTextual() && id.asText().isBlank())) {
			errors.add(new FieldError(WORKER_ID, "is required"));
			return null;
		}
		if (!id.isTextual()) {
			errors.add(new FieldError(WORKER_ID, "must be text"));
			return null;
		}
		Optional<GridWorker> worker = this.workers.find(id.asText().strip());
		if (worker.isEmpty()) {
			errors.add(new FieldError(WORKER_ID, "is not a registered grid worker"));
		}
		return worker.orElse(null);
	}

	private FieldReport bind(JsonNode report) {
		try {
			return this.strict.treeToValue(report, FieldReport.class);
		}
		catch (UnrecognizedPropertyException ex) {
			throw invalid(path(ex), "is not a known field");
		}
		catch (JsonMappingException ex) {
			throw invalid(path(ex), "has the wrong type");
		}
		catch (JsonProcessingException ex) {
			throw invalid("", "could not be read: " + ex.getOriginalMessage());
		}
	}

	private static ReportedPoint point(FieldReport.Location location, List<FieldError> errors) {
		if (location == null) {
			// the assigned-area rule and the platform's dispatch both need the fix
			errors.add(new FieldError("location", "is required"));
			return null;
		}
		return ReportFields.point(location.lon(), location.lat(), location.crs(), location.accuracyMeters(), "location",
				errors);
	}

	private Instant takenAt(String value, Instant receivedAt, List<FieldError> errors) {
		if (value == null || value.isBlank()) {
			errors.add(new FieldError("taken_at", "is required"));
			return null;
		}
		Instant takenAt;
		try {
			takenAt = OffsetDateTime.parse(value.strip()).toInstant();
		}
		catch (DateTimeParseException ex) {
			errors.add(
					new FieldError("taken_at", "must be an ISO-8601 time with offset, e.g. 2026-07-01T13:01:00+08:00"));
			return null;
		}
		if (takenAt.isAfter(receivedAt.plus(this.rules.maxFutureSkew()))) {
			errors.add(new FieldError("taken_at", "is more than " + describe(this.rules.maxFutureSkew())
					+ " after the upload arrived (" + receivedAt + "); check the phone's clock"));
		}
		else if (takenAt.isBefore(receivedAt.minus(this.rules.maxReportAge()))) {
			errors.add(new FieldError("taken_at", "is more than " + describe(this.rules.maxReportAge())
					+ " old; check the place again and file a new report"));
		}
		return takenAt;
	}

	private static List<String> photos(List<String> photos, List<FieldError> errors) {
		if (photos == null) {
			return List.of();
		}
		if (photos.size() > MAX_PHOTOS) {
			errors.add(new FieldError("photos", "must hold at most " + MAX_PHOTOS + " photos"));
			return List.of();
		}
		List<String> urls = new ArrayList<>(photos.size());
		for (int i = 0; i < photos.size(); i++) {
			String url = ReportFields.blankToNull(photos.get(i));
			if (url == null || url.length() > MAX_PHOTO_URL_LENGTH || !isWebUrl(url)) {
				errors.add(new FieldError("photos[" + i + "]",
						"must be an http or https URL of at most " + MAX_PHOTO_URL_LENGTH + " characters"));
			}
			else {
				urls.add(url);
			}
		}
		return urls;
	}

	private static boolean isWebUrl(String url) {
		try {
			URI uri = new URI(url);
			String scheme = uri.getScheme();
			return scheme != null && (scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
					&& uri.getHost() != null;
		}
		catch (URISyntaxException ex) {
			return false;
		}
	}

	/**
	 * The report as sent, with who sent it: the batch around it is not kept whole, since
	 * each report becomes a case of its own.
	 */
	private RawMessage raw(String workerId, JsonNode report) {
		ObjectNode raw = this.strict.createObjectNode();
		raw.put(WORKER_ID, workerId);
		raw.set("report", report);
		try {
			return new RawMessage("application/json", this.strict.writeValueAsBytes(raw));
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException("a parsed JSON tree always serialises", ex);
		}
	}

	private static String describe(Duration duration) {
		if (duration.toDays() > 0 && duration.equals(Duration.ofDays(duration.toDays()))) {
			return duration.toDays() + " days";
		}
		if (duration.toHours() > 0 && duration.equals(Duration.ofHours(duration.toHours()))) {
			return duration.toHours() + " hours";
		}
		if (duration.toMinutes() > 0 && duration.equals(Duration.ofMinutes(duration.toMinutes()))) {
			return duration.toMinutes() + " minutes";
		}
		return duration.toSeconds() + " seconds";
	}

	private static String path(JsonMappingException ex) {
		return ex.getPath()
			.stream()
			.map((ref) -> (ref.getFieldName() != null) ? ref.getFieldName() : "[" + ref.getIndex() + "]")
			.collect(Collectors.joining("."))
			.replace(".[", "[");
	}

	private static InvalidReportException invalid(String field, String message) {
		return new InvalidReportException(List.of(new FieldError(field, message)));
	}

}
