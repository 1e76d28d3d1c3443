package org.gridintake.gateway;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import org.gridintake.adapters.testing.TestServers;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Grid workers' phone apps uploading field-visit batches: real sample reports become
 * located cases filed by the worker, a re-upload files nothing twice, and each report is
 * answered on its own.
 */
class FieldVisitJourneyTest extends GatewayIntegrationTest {

	private static final String WORKER = "GW0070032";

	private static final String DISTRICT_CASES = "/platforms/district/110199/cases";

	private static final String STREETS_CASES = "/platforms/streets/cases";

	private static final String COMMUNITIES_CASES = "/platforms/communities/cases";

	/**
	 * Field reports from the sample district, all by GW0070032 of 东岳社区 (110199007003),
	 * with the unit grid of config/grids.geojson their GPS fix lies in and the platform
	 * their category's level sends them to.
	 */
	private static final Sample ILLEGAL_BUILDING = new Sample("120", "1103", "一楼把院子圈起来盖了房", 116.3909246, 39.9073977,
			15.2, "110199007003006", DISTRICT_CASES);

	private static final Sample BRANCHES = new Sample("853", "0106", "树枝太长挡住了路灯和窗户", 116.3903922, 39.9067286, 5.8,
			"110199007003006", STREETS_CASES);

	private static final Sample FITNESS = new Sample("144", "0105", "健身器材坏了，有孩子差点受伤", 116.3912295, 39.8967286, 10.6,
			"110199007003074", COMMUNITIES_CASES);

	private static final Sample BIN = new Sample("369", "0104", "垃圾桶破了", 116.3914713, 39.9075869, 11.8,
			"110199007003002", COMMUNITIES_CASES);

	private static final Sample SMOKE = new Sample("805", "1109", "饭馆油烟直排熏得受不了", 116.3917084, 39.9067796, 9.3,
			"110199007003008", STREETS_CASES);

	/** GW0070013's report from 富强社区 (110199007001), uploaded here by GW0070032. */
	private static final Sample NEXT_COMMUNITY = new Sample("129", "1109", "餐馆排烟管对着居民窗户", 116.4048977, 39.9132026, 4.5,
			"110199007001026", STREETS_CASES);

	/** About 100 m east of the district: served (the border margin), but in no grid. */
	private static final Sample PAST_THE_DISTRICT = new Sample("900", "1101", "河对岸有人倒建筑垃圾", 116.4390, 39.915, 6.0, null,
			DISTRICT_CASES);

	private final String run = UUID.randomUUID().toString().substring(0, 8);

	private final Instant takenAt = Instant.now().minus(Duration.ofHours(3)).truncatedTo(ChronoUnit.SECONDS);

	@Test
	void aBatchOfFieldReportsBecomesLocatedCasesFiledByTheWorker() {
		String photo = "https://media.example/field/" + this.run + "/1.jpg";
		Instant before = Instant.now();
		List<Map<String, Object>> results = results(upload(batch(WORKER, report(ILLEGAL_BUILDING, false, photo),
				report(BRANCHES, false), report(FITNESS, false), report(BIN, false))));

		List<Sample> sent = List.of(ILLEGAL_BUILDING, BRANCHES, FITNESS, BIN);
		assertThat(results).extracting((result) -> result.get("outcome")).containsOnly("accepted");
		assertThat(results).extracting((result) -> result.get("index")).containsExactly(0, 1, 2, 3);
		assertThat(results).extracting((result) -> result.get("client_id"))
			.containsExactlyElementsOf(sent.stream().map(this::clientId).toList());
		List<String> caseNumbers = caseNumbers(results);
		for (int i = 0; i < sent.size(); i++) {
			Sample sample = sent.get(i);
			String caseNumber = caseNumbers.get(i);
			Map<String, Object> row = this.jdbc.sql("""
					select channel, channel_ref, grid_code, filer, filer_id, taken_at, received_at, description,
					       reporter_mobile, sms_allowed, category_code, media_urls
					from report_case where case_number = ?""").param(caseNumber).query().singleRow();
			assertThat(row.get("channel")).isEqualTo("FIELD");
			assertThat(row.get("channel_ref")).isEqualTo(WORKER + ":" + clientId(sample));
			assertThat(row.get("grid_code")).isEqualTo(sample.grid());
			assertThat(row.get("filer")).isEqualTo("GRID_WORKER");
			assertThat(row.get("filer_id")).isEqualTo(WORKER);
			assertThat(row.get("description")).isEqualTo(sample.text());
			assertThat(row.get("category_code")).isEqualTo(sample.category());
			// grid workers are not texted progress: there is no resident to tell
			assertThat(row.get("reporter_mobile")).isNull();
			assertThat(row.get("sms_allowed")).isEqualTo(false);
			// the phone's time is kept beside the gateway's, hours apart after an offline
			// visit
			assertThat(((java.sql.Timestamp) row.get("taken_at")).toInstant()).isEqualTo(this.takenAt);
			assertThat(((java.sql.Timestamp) row.get("received_at")).toInstant())
				.isAfterOrEqualTo(before.truncatedTo(ChronoUnit.MILLIS));
			await().atMost(Duration.ofSeconds(20))
				.untilAsserted(() -> PLATFORMS.verify(1,
						postRequestedFor(urlPathEqualTo(sample.platformPath()))
							.withRequestBody(matchingJsonPath("$.case_number", equalTo(caseNumber)))
							.withRequestBody(matchingJsonPath("$.grid.grid", equalTo(sample.grid())))
							.withRequestBody(matchingJsonPath("$.text", equalTo(sample.text())))));
		}
		PLATFORMS.verify(postRequestedFor(urlPathEqualTo(DISTRICT_CASES))
			.withRequestBody(matchingJsonPath("$.case_number", equalTo(caseNumbers.get(0))))
			.withRequestBody(matchingJsonPath("$.photos[0]", equalTo(photo))));

		this.http.get()
			.uri("/api/v1/cases/{n}", caseNumbers.get(0))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.channel")
			.isEqualTo("field")
			.jsonPath("$.description")
			.isEqualTo(ILLEGAL_BUILDING.text())
			.jsonPath("$.grid.grid.code")
			.isEqualTo(ILLEGAL_BUILDING.grid())
			.jsonPath("$.grid.community.name")
			.isEqualTo("东岳社区")
			.jsonPath("$.filed_by")
			.isEqualTo("grid_worker")
			.jsonPath("$.filer_id")
			.isEqualTo(WORKER)
			.jsonPath("$.taken_at")
			.isEqualTo(this.takenAt.toString())
			.jsonPath("$.outside_area")
			.isEqualTo(false)
			.jsonPath("$.media_urls[0]")
			.isEqualTo(photo)
			.jsonPath("$.reporter.mobile")
			.doesNotExist()
			.jsonPath("$.reported_location.accuracy_m")
			.isEqualTo(15.2);
	}

	@Test
	void reUploadingTheBatchOrPartOfItFilesNothingTwice() {
		String first = batch(WORKER, report(ILLEGAL_BUILDING, false), report(BRANCHES, false), report(FITNESS, false),
				report(BIN, false));
		List<String> caseNumbers = caseNumbers(results(upload(first)));
		assertThat(caseNumbers).doesNotContainNull().doesNotHaveDuplicates();
		int filed = fieldCasesOfThisRun();
		assertThat(filed).isEqualTo(4);

		// the phone never saw the answer and sends the whole batch again
		List<Map<String, Object>> again = results(upload(first));
		assertThat(again).extracting((result) -> result.get("outcome")).containsOnly("duplicate");
		assertThat(caseNumbers(again)).isEqualTo(caseNumbers);

		// or only what it had not yet marked as done, in its own order
		List<Map<String, Object>> part = results(
				upload(batch(WORKER, report(FITNESS, false), report(BRANCHES, false))));
		assertThat(part).extracting((result) -> result.get("outcome")).containsOnly("duplicate");
		assertThat(caseNumbers(part)).containsExactly(caseNumbers.get(2), caseNumbers.get(1));

		assertThat(fieldCasesOfThisRun()).isEqualTo(filed);
		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> PLATFORMS.verify(1, postRequestedFor(urlPathEqualTo(COMMUNITIES_CASES))
				.withRequestBody(matchingJsonPath("$.case_number", equalTo(caseNumbers.get(2))))));
	}

	@Test
	void eachReportOfAMixedBatchIsAnsweredOnItsOwn() {
		String bad = """
				{"client_id": "%s", "category": "9999", "text": " ", "location": {"lon": 116.39, "lat": 95.0},
				 "taken_at": "%s"}""".formatted(clientId("bad"), takenAt());
		List<Map<String, Object>> results = results(upload(batch(WORKER, report(SMOKE, false), bad,
				report(NEXT_COMMUNITY, false), report(PAST_THE_DISTRICT, false))));

		assertThat(results).extracting((result) -> result.get("outcome"))
			.containsExactly("accepted", "rejected", "rejected", "rejected");
		assertThat(results.get(0).get("case_number")).asString().matches("QH\\d{8}-\\d{6,}");
		assertThat(results.subList(1, 4)).extracting((result) -> result.get("case_number")).containsOnlyNulls();
		assertThat(errors(results.get(1))).extracting((error) -> error.get("field"))
			.containsExactly("reports[1].category", "reports[1].text", "reports[1].location.lat");
		Map<String, Object> elsewhere = errors(results.get(2)).get(0);
		assertThat(elsewhere.get("field")).isEqualTo("reports[2].location");
		assertThat((String) elsewhere.get("message")).contains("富强社区 (110199007001)", "东岳社区 (110199007003)",
				"outside_area");
		Map<String, Object> nowhere = errors(results.get(3)).get(0);
		assertThat(nowhere.get("field")).isEqualTo("reports[3].location");
		assertThat((String) nowhere.get("message")).contains("outside every grid");
		// only the good one was stored
		assertThat(fieldCasesOfThisRun()).isEqualTo(1);
		assertThat(this.jdbc.sql("select grid_code from report_case where case_number = ?")
			.param(results.get(0).get("case_number"))
			.query(String.class)
			.single()).isEqualTo(SMOKE.grid());

		// the worker confirms both really are outside their community, and the app
		// sends them again under the same client ids
		List<Map<String, Object>> flagged = results(
				upload(batch(WORKER, report(NEXT_COMMUNITY, true), report(PAST_THE_DISTRICT, true))));
		assertThat(flagged).extracting((result) -> result.get("outcome")).containsOnly("accepted");
		String elsewhereCase = (String) flagged.get(0).get("case_number");
		this.http.get()
			.uri("/api/v1/cases/{n}", elsewhereCase)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.grid.grid.code")
			.isEqualTo(NEXT_COMMUNITY.grid())
			.jsonPath("$.outside_area")
			.isEqualTo(true)
			.jsonPath("$.filed_by")
			.isEqualTo("grid_worker");
		// outside every grid: filed for the district's triage
		this.http.get()
			.uri("/api/v1/cases/{n}", flagged.get(1).get("case_number"))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.located")
			.isEqualTo(false)
			.jsonPath("$.route.triage")
			.isEqualTo(true);
		assertThat(fieldCasesOfThisRun()).isEqualTo(3);
	}

	/**
	 * A real sample report by GW0050023 of 康乐社区 whose fix lies 1 m over the line in 兴华社区:
	 * within GPS scatter of the worker's own community.
	 */
	@Test
	void aWorkerOnTheEdgeOfTheirCommunityIsNotRefused() {
		Sample edge = new Sample("842", "1109", "露天烧烤烟熏火燎", 116.4155298, 39.909656, 8.6, "110199005001057",
				STREETS_CASES);
		List<Map<String, Object>> results = results(upload(batch("GW0050023", report(edge, false))));
		assertThat(results.get(0).get("outcome")).isEqualTo("accepted");
		assertThat(this.jdbc.sql("select grid_code from report_case where case_number = ?")
			.param(results.get(0).get("case_number"))
			.query(String.class)
			.single()).isEqualTo(edge.grid());
	}

	@Test
	void aBatchThatCannotBeTakenAsAWholeIsRefusedNamingTheField() {
		upload(batch("GW9999999", report(BIN, false))).expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("worker_id");
		upload("{\"reports\": [" + report(BIN, false) + "]}").expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("worker_id");
		upload(batch(WORKER)).expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("reports");
		String tooMany = IntStream.range(0, 101).mapToObj((i) -> "{}").collect(Collectors.joining(", "));
		upload("{\"worker_id\": \"" + WORKER + "\", \"reports\": [" + tooMany + "]}").expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("reports")
			.jsonPath("$.errors[0].message")
			.value((message) -> assertThat((String) message).contains("at most 100"));
		upload("{\"worker_id\": \"" + WORKER + "\", \"reports\": [").expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("body");
		assertThat(fieldCasesOfThisRun()).isZero();
	}

	@Test
	void aBatchMayBeLargerThanOnePortalReportButNotUnbounded() {
		// whitespace is valid JSON: a body past the portal's 64 KB is still read whole
		String padded = batch(WORKER, report(BIN, false)).replace("\"reports\"",
				" ".repeat(100 * 1024) + "\"reports\"");
		assertThat(results(upload(padded))).extracting((result) -> result.get("outcome")).containsExactly("accepted");
		String huge = batch(WORKER, report(BIN, false)).replace("\"reports\"", " ".repeat(1100 * 1024) + "\"reports\"");
		upload(huge).expectStatus().isEqualTo(413).expectBody().jsonPath("$.errors[0].field").isEqualTo("body");
	}

	@Test
	void whileTheDatabaseIsDownEveryReportIsToBeSentAgainAndNothingIsLost() {
		String batch = batch(WORKER, report(BIN, false), report(SMOKE, false));
		TestServers.postgres().stop();
		try {
			// the first report waits out the connection timeout; the rest are not tried
			upload(batch, Duration.ofSeconds(30)).expectStatus()
				.isOk()
				.expectHeader()
				.exists("Retry-After")
				.expectBody()
				.jsonPath("$.results[*].outcome")
				.value((outcomes) -> assertThat((List<Object>) outcomes).containsOnly("retry"))
				.jsonPath("$.results[1].errors[0].field")
				.isEqualTo("reports[1]");
		}
		finally {
			TestServers.postgres().start();
		}
		List<Map<String, Object>> resent = await().atMost(Duration.ofSeconds(30))
			.ignoreExceptions()
			.until(() -> results(upload(batch)),
					(answers) -> answers.stream().allMatch((result) -> "accepted".equals(result.get("outcome"))));
		assertThat(caseNumbers(resent)).doesNotContainNull();
		assertThat(fieldCasesOfThisRun()).isEqualTo(2);
	}

	@Test
	void aResidentsCaseSaysSoToo() {
		String caseNumber = acceptedCaseNumber(postReport("""
				{"text": "路灯坏了%s", "location": {"lon": 116.3914713, "lat": 39.9075869}}""".formatted(this.run), null));
		this.http.get()
			.uri("/api/v1/cases/{n}", caseNumber)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.filed_by")
			.isEqualTo("resident")
			.jsonPath("$.filer_id")
			.isEmpty()
			.jsonPath("$.taken_at")
			.isEmpty()
			.jsonPath("$.outside_area")
			.isEqualTo(false)
			.jsonPath("$.media_urls")
			.isEmpty();
	}

	private WebTestClient.ResponseSpec upload(String json) {
		return upload(json, Duration.ofSeconds(5));
	}

	private WebTestClient.ResponseSpec upload(String json, Duration timeout) {
		return this.http.mutate()
			.responseTimeout(timeout)
			.build()
			.post()
			.uri("/api/v1/field/batches")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(json.getBytes(StandardCharsets.UTF_8))
			.exchange();
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> results(WebTestClient.ResponseSpec response) {
		Map<String, Object> body = response.expectStatus()
			.isOk()
			.expectBody(Map.class)
			.returnResult()
			.getResponseBody();
		return (List<Map<String, Object>>) body.get("results");
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> errors(Map<String, Object> result) {
		return (List<Map<String, Object>>) result.get("errors");
	}

	private static List<String> caseNumbers(List<Map<String, Object>> results) {
		return results.stream().map((result) -> (String) result.get("case_number")).toList();
	}

	private static String batch(String worker, String... reports) {
		return "{\"worker_id\": \"" + worker + "\", \"reports\": [" + String.join(", ", reports) + "]}";
	}

	private String report(Sample sample, boolean outsideArea, String... photos) {
		String photoList = java.util.Arrays.stream(photos)
			.map((url) -> "\"" + url + "\"")
			.collect(Collectors.joining(", ", "[", "]"));
		return """
				{"client_id": "%s", "category": "%s", "text": "%s",
				 "location": {"lon": %s, "lat": %s, "crs": "wgs84", "accuracy_m": %s},
				 "taken_at": "%s", "outside_area": %s, "photos": %s}""".formatted(clientId(sample), sample.category(),
				sample.text(), sample.lon(), sample.lat(), sample.accuracy(), takenAt(), outsideArea, photoList);
	}

	/**
	 * The app's id, made unique per test so that tests sharing the database stay apart.
	 */
	private String clientId(Sample sample) {
		return clientId(sample.id());
	}

	private String clientId(String id) {
		return "FV-" + this.run + "-" + id;
	}

	private String takenAt() {
		return OffsetDateTime.ofInstant(this.takenAt, ZoneOffset.ofHours(8)).toString();
	}

	private int fieldCasesOfThisRun() {
		return this.jdbc.sql("select count(*) from report_case where channel = 'FIELD' and channel_ref like ?")
			.param("%:FV-" + this.run + "-%")
			.query(Integer.class)
			.single();
	}

	private record Sample(String id, String category, String text, double lon, double lat, double accuracy, String grid,
			String platformPath) {
	}

}
