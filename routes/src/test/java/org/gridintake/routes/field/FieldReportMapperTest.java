package org.gridintake.routes.field;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import org.gridintake.routes.casedraft.Channel;
import org.gridintake.routes.casedraft.ChannelRef;
import org.gridintake.routes.casedraft.ReportOrigin;
import org.gridintake.routes.geo.Crs;
import org.gridintake.routes.geo.GridLevel;
import org.gridintake.routes.geo.GridUnit;
import org.gridintake.routes.intake.FieldError;
import org.gridintake.routes.intake.InboundReport;
import org.gridintake.routes.intake.InvalidReportException;
import org.gridintake.routes.routing.Category;
import org.gridintake.routes.routing.Taxonomy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Every way a field batch or one of its reports can be refused, and what a good report
 * becomes. Field names within a report are relative to it here; the route prefixes them
 * with {@code reports[i]}.
 */
class FieldReportMapperTest {

	private static final Instant RECEIVED = Instant.parse("2026-07-01T06:00:00Z");

	private static final String TAKEN = "2026-07-01T13:01:00+08:00";

	private static final GridWorker WORKER = new GridWorker("GW0070032", null,
			new GridUnit("110199007003", "金台社区", GridLevel.COMMUNITY));

	private static final GridWorkers WORKERS = (id) -> Optional.of(WORKER).filter((w) -> w.id().equals(id));

	private final FieldReportMapper mapper = new FieldReportMapper(
			new Taxonomy(List.of(new Category("1103", "违章搭建", "event", GridLevel.DISTRICT, List.of("盖房")))), WORKERS,
			new FieldVisitRules(5, Duration.ofDays(30), Duration.ofMinutes(5)));

	@Test
	void aGoodReportKeepsWhoFiledItTheDeviceTimeThePointAndThePhotos() {
		FieldBatch batch = batch("""
				{"worker_id": "GW0070032", "reports": [{"client_id": "GW0070032-120", "category": "1103",
				 "text": " 一楼把院子圈起来盖了房 ", "location": {"lon": 116.3909246, "lat": 39.9073977, "crs": "wgs84",
				 "accuracy_m": 15.2}, "taken_at": "2026-07-01T13:01:00+08:00", "outside_area": false,
				 "photos": ["https://media.example/abc.jpg"]}]}""");
		assertThat(batch.worker()).isEqualTo(WORKER);
		InboundReport report = this.mapper.toInbound(batch.items().get(0));
		assertThat(report.channel()).isEqualTo(Channel.FIELD);
		assertThat(report.channelRef()).isEqualTo(new ChannelRef("GW0070032:GW0070032-120", ChannelRef.Kind.CHANNEL));
		assertThat(report.receivedAt()).isEqualTo(RECEIVED);
		assertThat(report.reporter().contact()).isEmpty();
		assertThat(report.reporter().canBeTexted()).isFalse();
		assertThat(report.text()).isEqualTo("一楼把院子圈起来盖了房");
		assertThat(report.categoryCode()).isEqualTo("1103");
		assertThat(report.reportedPoint().point().lon()).isEqualTo(116.3909246);
		assertThat(report.reportedPoint().crs()).isEqualTo(Crs.WGS84);
		assertThat(report.reportedPoint().accuracyMeters()).isEqualTo(15.2);
		assertThat(report.origin()).isEqualTo(ReportOrigin.gridWorker("GW0070032",
				Instant.parse("2026-07-01T05:01:00Z"), false, List.of("https://media.example/abc.jpg")));
		String raw = new String(report.raw().body(), StandardCharsets.UTF_8);
		assertThat(raw).contains("\"worker_id\":\"GW0070032\"").contains("一楼把院子圈起来盖了房");
		assertThat(report.raw().contentType()).isEqualTo("application/json");
	}

	@Test
	void whatMayBeLeftOutHasADefault() {
		InboundReport report = this.mapper.toInbound(item(Map.of("location", "{\"lon\": 116.39, \"lat\": 39.907}")));
		assertThat(report.reportedPoint().crs()).isEqualTo(Crs.WGS84);
		assertThat(report.reportedPoint().accuracyMeters()).isNull();
		assertThat(report.origin().outsideArea()).isFalse();
		assertThat(report.origin().mediaUrls()).isEmpty();
		InboundReport flagged = this.mapper.toInbound(item(
				Map.of("outside_area", "true", "location", "{\"lon\": 116.39, \"lat\": 39.907, \"crs\": \"GCJ-02\"}")));
		assertThat(flagged.origin().outsideArea()).isTrue();
		assertThat(flagged.reportedPoint().crs()).isEqualTo(Crs.GCJ02);
	}

	@Test
	void theBatchAsAWholeMustBeAJsonObject() {
		assertThat(batchErrors(""))
			.containsExactly(new FieldError("body", "is empty; send a JSON object with worker_id and reports"));
		assertThat(batchErrors(new byte[] { '{', '"', (byte) 0xC3, '"', '}' })).extracting(FieldError::message)
			.containsExactly("is not valid UTF-8");
		assertThat(batchErrors("{\"worker_id\": \"GW0070032\", \"reports\": [")).extracting(FieldError::field)
			.containsExactly("body");
		assertThat(batchErrors("[{\"worker_id\": \"GW0070032\"}]")).extracting(FieldError::field)
			.containsExactly("body");
		assertThat(batchErrors("{\"worker_id\": \"GW0070032\", \"worker_id\": \"GW0010012\", \"reports\": []}"))
			.extracting(FieldError::field)
			.containsExactly("body");
		assertThat(batchErrors("{\"worker_id\": \"GW0070032\", \"reports\": [{}]} {}")).extracting(FieldError::field)
			.containsExactly("body");
	}

	@Test
	void everyEnvelopeProblemIsNamedAtOnce() {
		assertThat(batchErrors("{\"device\": \"x\"}")).extracting(FieldError::field)
			.containsExactly("device", "worker_id", "reports");
		assertThat(batchErrors("{\"worker_id\": \"  \", \"reports\": {}}")).containsExactly(
				new FieldError("worker_id", "is required"), new FieldError("reports", "must be a list of reports"));
		assertThat(batchErrors("{\"worker_id\": 70032, \"reports\": []}")).containsExactly(
				new FieldError("worker_id", "must be text"),
				new FieldError("reports", "must hold at least one report"));
		assertThat(batchErrors("{\"worker_id\": \"GW9999999\", \"reports\": null}")).containsExactly(
				new FieldError("worker_id", "is not a registered grid worker"),
				new FieldError("reports", "is required: a list of reports"));
		assertThat(batchErrors("{\"worker_id\": \"GW0070032\", \"reports\": [{}, {}, {}, {}, {}, {}]}"))
			.extracting(FieldError::field, FieldError::message)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("reports",
					"holds 6 reports, at most 5 are taken at once; send the rest in another batch"));
	}

	@Test
	void aReportThatIsNotAnObjectOrDoesNotBindIsRefusedOnItsOwn() {
		FieldBatch batch = batch("""
				{"worker_id": "GW0070032", "reports": ["井盖丢了", {"colour": "red"},
				 {"location": {"lon": 116.39, "lat": "北纬39度"}}, {"photos": ["https://a.example/1.jpg", 7]},
				 {"outside_area": "yes"}]}""");
		assertThat(itemErrors(batch.items().get(0))).containsExactly(new FieldError("", "must be a JSON object"));
		assertThat(itemErrors(batch.items().get(1))).containsExactly(new FieldError("colour", "is not a known field"));
		assertThat(itemErrors(batch.items().get(2)))
			.containsExactly(new FieldError("location.lat", "has the wrong type"));
		assertThat(itemErrors(batch.items().get(3))).containsExactly(new FieldError("photos[1]", "has the wrong type"));
		assertThat(itemErrors(batch.items().get(4)))
			.containsExactly(new FieldError("outside_area", "has the wrong type"));
	}

	@Test
	void aClientIdIsRequiredShortAndUniqueWithinTheBatch() {
		assertThat(fields(item(Map.of("client_id", "null")))).containsExactly("client_id");
		assertThat(itemErrors(item(Map.of("client_id", "\"" + "x".repeat(129) + "\""))))
			.containsExactly(new FieldError("client_id", "must be at most 128 characters"));
		// a number is not taken for text: the client id must be the one the app keeps
		assertThat(itemErrors(item(Map.of("client_id", "120"))))
			.containsExactly(new FieldError("client_id", "has the wrong type"));
		FieldBatch batch = batch("{\"worker_id\": \"GW0070032\", \"reports\": [%s, %s, %s]}".formatted(
				report(Map.of("client_id", "\"A\"")), report(Map.of("client_id", "\"B\"")),
				report(Map.of("client_id", "\" A \""))));
		assertThat(this.mapper.toInbound(batch.items().get(0)).channelRef().value()).isEqualTo("GW0070032:A");
		assertThat(this.mapper.toInbound(batch.items().get(1)).channelRef().value()).isEqualTo("GW0070032:B");
		assertThat(itemErrors(batch.items().get(2)))
			.containsExactly(new FieldError("client_id", "repeats the client_id of reports[0] in this batch"));
	}

	@Test
	void categoryAndTextAreRequiredAndChecked() {
		assertThat(itemErrors(item(Map.of("category", "\" \"", "text", "\"  \""))))
			.containsExactly(new FieldError("category", "is required"), new FieldError("text", "is required"));
		assertThat(itemErrors(item(Map.of("category", "\"9999\""))))
			.containsExactly(new FieldError("category", "is not a known category code"));
		// characters, not UTF-16 units: 2,000 Chinese characters (some outside the BMP)
		// fit
		assertThat(this.mapper.toInbound(item(Map.of("text", "\"" + "𠀀".repeat(2000) + "\""))).text()).hasSize(4000);
		assertThat(itemErrors(item(Map.of("text", "\"" + "违".repeat(2001) + "\""))))
			.containsExactly(new FieldError("text", "must be at most 2000 characters"));
	}

	@Test
	void theLocationIsRequiredAndEachOfItsPartsChecked() {
		assertThat(itemErrors(item(Map.of("location", "null"))))
			.containsExactly(new FieldError("location", "is required"));
		assertThat(fields(item(Map.of("location", "{}")))).containsExactly("location.lon", "location.lat");
		assertThat(fields(
				item(Map.of("location", "{\"lon\": 181, \"lat\": -90.5, \"crs\": \"utm\", \"accuracy_m\": -1}"))))
			.containsExactly("location.lon", "location.lat", "location.crs", "location.accuracy_m");
		assertThat(this.mapper
			.toInbound(item(Map.of("location", "{\"lon\": 180, \"lat\": -90, \"crs\": \"bd09\", \"accuracy_m\": 0}")))
			.reportedPoint()
			.crs()).isEqualTo(Crs.BD09);
	}

	@Test
	void theDeviceTimeNeedsAnOffsetAndMustBeNeitherAheadNorStale() {
		assertThat(itemErrors(item(Map.of("taken_at", "null"))))
			.containsExactly(new FieldError("taken_at", "is required"));
		assertThat(itemErrors(item(Map.of("taken_at", "\"2026-07-01T13:01:00\"")))).extracting(FieldError::message)
			.containsExactly("must be an ISO-8601 time with offset, e.g. 2026-07-01T13:01:00+08:00");
		assertThat(itemErrors(item(Map.of("taken_at", "\"昨天下午\"")))).extracting(FieldError::field)
			.containsExactly("taken_at");
		assertThat(itemErrors(item(Map.of("taken_at", quoted(RECEIVED.plus(Duration.ofMinutes(6)))))))
			.extracting(FieldError::message)
			.containsExactly(
					"is more than 5 minutes after the upload arrived (2026-07-01T06:00:00Z); check the phone's clock");
		assertThat(itemErrors(item(Map.of("taken_at", quoted(RECEIVED.minus(Duration.ofDays(30).plusSeconds(1)))))))
			.extracting(FieldError::message)
			.containsExactly("is more than 30 days old; check the place again and file a new report");
		// a phone a few minutes fast, and a report from a month of offline visits, are
		// fine
		assertThat(this.mapper.toInbound(item(Map.of("taken_at", quoted(RECEIVED.plus(Duration.ofMinutes(5))))))
			.origin()
			.takenAt()).isEqualTo(RECEIVED.plus(Duration.ofMinutes(5)));
		assertThat(this.mapper.toInbound(item(Map.of("taken_at", quoted(RECEIVED.minus(Duration.ofDays(30))))))
			.origin()
			.takenAt()).isEqualTo(RECEIVED.minus(Duration.ofDays(30)));
	}

	@Test
	void atMostThreePhotosEachAWebUrl() {
		assertThat(itemErrors(item(Map.of("photos",
				"[\"https://m.example/1.jpg\", \"https://m.example/2.jpg\", \"https://m.example/3.jpg\", \"https://m.example/4.jpg\"]"))))
			.containsExactly(new FieldError("photos", "must hold at most 3 photos"));
		assertThat(fields(item(Map.of("photos",
				"[\"ftp://m.example/1.jpg\", \"照片1.jpg\", \"https://" + "a".repeat(2040) + ".example/x.jpg\"]"))))
			.containsExactly("photos[0]", "photos[1]", "photos[2]");
		assertThat(fields(item(Map.of("photos", "[\" \", null]")))).containsExactly("photos[0]", "photos[1]");
		assertThat(this.mapper.toInbound(item(Map.of("photos", "[\"HTTP://m.example/1.jpg\"]"))).origin().mediaUrls())
			.containsExactly("HTTP://m.example/1.jpg");
	}

	@Test
	void everyBadFieldOfAReportIsNamedAtOnce() {
		assertThat(fields(item(Map.of("client_id", "\"\"", "category", "\"0000\"", "text", "\"\"", "location",
				"{\"lon\": 200, \"lat\": 39.9}", "taken_at", "\"now\"", "photos", "[\"file:///x.jpg\"]"))))
			.containsExactly("client_id", "category", "text", "location.lon", "taken_at", "photos[0]");
	}

	private FieldBatch batch(String json) {
		return this.mapper.batch(new FieldUpload(json.getBytes(StandardCharsets.UTF_8), RECEIVED));
	}

	private List<FieldError> batchErrors(String json) {
		return batchErrors(json.getBytes(StandardCharsets.UTF_8));
	}

	private List<FieldError> batchErrors(byte[] body) {
		return catchThrowableOfType(InvalidReportException.class,
				() -> this.mapper.batch(new FieldUpload(body, RECEIVED)))
			.errors();
	}

	/**
	 * The only report of a batch: a good one, with the given fields replaced (raw JSON
	 * values).
	 */
	private FieldItem item(Map<String, String> replaced) {
		return batch("{\"worker_id\": \"GW0070032\", \"reports\": [" + report(replaced) + "]}").items().get(0);
	}

	private static String report(Map<String, String> replaced) {
		Map<String, String> fields = new java.util.LinkedHashMap<>();
		fields.put("client_id", "\"GW0070032-120\"");
		fields.put("category", "\"1103\"");
		fields.put("text", "\"一楼把院子圈起来盖了房\"");
		fields.put("location", "{\"lon\": 116.3909246, \"lat\": 39.9073977, \"crs\": \"wgs84\", \"accuracy_m\": 15.2}");
		fields.put("taken_at", "\"" + TAKEN + "\"");
		fields.putAll(replaced);
		StringBuilder json = new StringBuilder("{");
		fields.forEach((name, value) -> json.append(json.length() > 1 ? ", " : "")
			.append('"')
			.append(name)
			.append("\": ")
			.append(value));
		return json.append('}').toString();
	}

	private List<FieldError> itemErrors(FieldItem item) {
		return catchThrowableOfType(InvalidReportException.class, () -> this.mapper.toInbound(item)).errors();
	}

	private List<String> fields(FieldItem item) {
		return itemErrors(item).stream().map(FieldError::field).toList();
	}

	private static String quoted(Instant instant) {
		return "\"" + OffsetDateTime.ofInstant(instant, ZoneOffset.ofHours(8)) + "\"";
	}

}
