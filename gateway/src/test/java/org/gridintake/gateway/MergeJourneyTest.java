package org.gridintake.gateway;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;

import org.junit.jupiter.api.Test;

import org.gridintake.adapters.testing.TestServers;
import org.springframework.http.MediaType;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One incident, many reports: the platform gets one case, every reporter hears of its
 * progress, and an operator can undo a wrong merge.
 */
class MergeJourneyTest extends GatewayIntegrationTest {

	/** 树枝断了挂在电线上 at 惠康公交站, as the sample district's incident I00273 was reported. */
	private static final String BRANCH_ON_WIRES = """
			{"text": "树枝断了挂在电线上。惠康公交站对面", "category": "0106",
			 "location": {"lon": %s, "lat": 39.90524, "crs": "wgs84"}, "mobile": "%s"}""";

	private String field(String caseNumber, String column) {
		return this.jdbc.sql("select " + column + "::text from report_case where case_number = ?")
			.param(caseNumber)
			.query(String.class)
			.single();
	}

	private int casesSentToPlatforms(String caseNumber) {
		return PLATFORMS
			.findAll(postRequestedFor(urlPathMatching("/platforms/.+/cases"))
				.withRequestBody(matchingJsonPath("$.case_number", equalTo(caseNumber))))
			.size();
	}

	private static Map<?, ?> answer(org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec response) {
		return response.expectStatus().isAccepted().expectBody(Map.class).returnResult().getResponseBody();
	}

	@Test
	void aSecondReportOfAnOpenIncidentJoinsItAndBothReportersHearOfItsProgress() {
		String first = SmsJourneyTest.newResident();
		String second = SmsJourneyTest.newResident();
		String master = acceptedCaseNumber(postReport(BRANCH_ON_WIRES.formatted("116.419641", first), null));
		await().atMost(Duration.ofSeconds(10)).until(() -> "FORWARDED".equals(field(master, "status")));

		// 17 m east, another resident, other words for the same thing
		Map<?, ?> joined = answer(postReport("""
				{"text": "惠康公交站西侧，树枝断了挂在电线上，急", "category": "0106",
				 "location": {"lon": 116.41984, "lat": 39.90524, "crs": "wgs84"}, "mobile": "%s"}""".formatted(second),
				null));
		String duplicate = (String) joined.get("case_number");
		assertThat(joined.get("merged_into")).isEqualTo(master);
		assertThat(field(duplicate, "status")).isEqualTo("MERGED");
		// the evidence is kept on the link
		Map<String, Object> link = this.jdbc.sql("""
				select m.distance_m, m.category_code, m.similarity, m.time_gap_s, m.decided_by
				from case_merge m join report_case c on c.id = m.duplicate_id where c.case_number = ?""")
			.param(duplicate)
			.query()
			.singleRow();
		assertThat((Double) link.get("distance_m")).isBetween(10.0, 25.0);
		assertThat(link.get("category_code")).isEqualTo("0106");
		assertThat((Double) link.get("similarity")).isPositive();
		assertThat(link.get("decided_by")).isEqualTo("gateway");

		// the platform hears of a second report, not of a second case
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> PLATFORMS.verify(postRequestedFor(urlPathMatching(".*/cases/" + master + "/updates"))
				.withRequestBody(matchingJsonPath("$.report_count", equalTo("2")))
				.withRequestBody(matchingJsonPath("$.case_number", equalTo(master)))));
		assertThat(casesSentToPlatforms(duplicate)).isZero();
		this.http.get()
			.uri("/api/v1/cases/{n}", master)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.reports")
			.isEqualTo(2)
			.jsonPath("$.channel_mix.portal")
			.isEqualTo(2);

		postStatus(field(master, "route_platform_id"), """
				{"case_number": "%s", "status": "DISPATCHED", "note": "网格员已前往"}""".formatted(master), PLATFORM_SECRET)
			.expectStatus()
			.isOk();
		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(
					() -> assertThat(List.of(textsTo(first), textsTo(second))).allSatisfy((texts) -> assertThat(texts)
						.anySatisfy((text) -> assertThat(text).contains(master).contains("已派遣"))));
	}

	@Test
	void anOperatorSplitsAWronglyMergedReportEvenAfterItsMasterWasForwarded() {
		String master = acceptedCaseNumber(postReport("""
				{"text": "红旗路96号楼下树枝太长挡住了路灯和窗户", "category": "0106",
				 "location": {"lon": 116.3904, "lat": 39.9067, "crs": "wgs84"}}""", null));
		await().atMost(Duration.ofSeconds(10)).until(() -> "FORWARDED".equals(field(master, "status")));
		Map<?, ?> joined = answer(postReport("""
				{"text": "红旗路96号门口树枝太密，挡住路灯", "category": "0106",
				 "location": {"lon": 116.3905, "lat": 39.9067, "crs": "wgs84"}}""", null));
		String duplicate = (String) joined.get("case_number");
		assertThat(joined.get("merged_into")).isEqualTo(master);

		this.http.post()
			.uri("/api/v1/cases/{n}/split", duplicate)
			.header("Authorization", "Bearer " + CLIENT_KEYS.get("console"))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("""
					{"operator_id": "OP016", "reason": "对面楼的另一棵树"}""")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.split_from")
			.isEqualTo(master);

		await().atMost(Duration.ofSeconds(10)).until(() -> "FORWARDED".equals(field(duplicate, "status")));
		assertThat(field(duplicate, "coalesce(master_case_id::text, 'none')")).isEqualTo("none");
		assertThat(casesSentToPlatforms(duplicate)).isEqualTo(1);
		assertThat(this.jdbc.sql("""
				select m.split_by || ' ' || m.split_reason from case_merge m join report_case c on c.id = m.duplicate_id
				where c.case_number = ?""").param(duplicate).query(String.class).single())
			.isEqualTo("operator:OP016 对面楼的另一棵树");
		// the master's platform hears it stands for one report again
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> PLATFORMS.verify(postRequestedFor(urlPathMatching(".*/cases/" + master + "/updates"))
				.withRequestBody(matchingJsonPath("$.report_count", equalTo("1")))));
		// splitting again, or splitting a master, is refused
		this.http.post()
			.uri("/api/v1/cases/{n}/split", duplicate)
			.header("Authorization", "Bearer " + CLIENT_KEYS.get("console"))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"operator_id\": \"OP016\", \"reason\": \"again\"}")
			.exchange()
			.expectStatus()
			.isEqualTo(409);
		// a portal front end may not split cases
		this.http.post()
			.uri("/api/v1/cases/{n}/split", master)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"operator_id\": \"x\", \"reason\": \"y\"}")
			.exchange()
			.expectStatus()
			.isForbidden();
	}

	@Test
	void withRedisDownReportsAreKeptAndMergedOnceItIsBack() {
		String tag = UUID.randomUUID().toString().substring(0, 8);
		String report = """
				{"text": "育英小学门口的井盖松动了，踩上去晃 %s", "category": "0101",
				 "location": {"lon": %s, "lat": 39.9101, "crs": "wgs84"}}""";
		TestServers.redis().stop();
		String first;
		String second;
		try {
			first = acceptedCaseNumber(postReport(report.formatted(tag, "116.3811"), null));
			second = acceptedCaseNumber(postReport(report.formatted(tag, "116.3812"), null));
			assertThat(List.of(field(first, "merge_state"), field(second, "merge_state"))).containsOnly("PENDING");
		}
		finally {
			TestServers.redis().start();
		}
		// Redis came back empty: a report arriving before the index is rebuilt must not
		// open a second case because the empty index knows of none
		String third = acceptedCaseNumber(postReport(report.formatted(tag, "116.38115"), null));
		await().atMost(Duration.ofSeconds(30)).until(() -> "MERGED".equals(field(second, "status")));
		await().atMost(Duration.ofSeconds(30)).until(() -> "MERGED".equals(field(third, "status")));
		assertThat(this.jdbc.sql("""
				select count(*) from report_case where description like ? and master_case_id is null""")
			.param("%" + tag)
			.query(Integer.class)
			.single()).as("one open case for the incident").isEqualTo(1);
		assertThat(field(second, "master_case_id"))
			.isEqualTo(this.jdbc.sql("select id::text from report_case where case_number = ?")
				.param(first)
				.query(String.class)
				.single());
		await().atMost(Duration.ofSeconds(10)).until(() -> "FORWARDED".equals(field(first, "status")));
		assertThat(casesSentToPlatforms(second)).isZero();
	}

	@Test
	void twoReportsOfOneIncidentArrivingAtTheSameMomentOpenOneCase() throws Exception {
		for (int round = 0; round < 5; round++) {
			double lon = 116.3950 + round * 0.01;
			CyclicBarrier together = new CyclicBarrier(2);
			List<CompletableFuture<Map<?, ?>>> answers = new ArrayList<>();
			for (String offset : List.of("0.00000", "0.00005")) {
				String body = """
						{"text": "路边护栏被撞坏了，倒在人行道上", "category": "0103",
						 "location": {"lon": %.5f, "lat": 39.9176, "crs": "wgs84"}}"""
					.formatted(lon + Double.parseDouble(offset));
				answers.add(CompletableFuture.supplyAsync(() -> {
					try {
						together.await();
					}
					catch (Exception ex) {
						throw new IllegalStateException(ex);
					}
					return answer(postReport(body, null));
				}));
			}
			List<Object> mergedInto = new ArrayList<>();
			for (CompletableFuture<Map<?, ?>> answer : answers) {
				mergedInto.add(answer.get().get("merged_into"));
			}
			assertThat(mergedInto).as("round %d: exactly one of the two opens the case", round)
				.containsOnlyOnce((Object) null);
		}
	}

}
