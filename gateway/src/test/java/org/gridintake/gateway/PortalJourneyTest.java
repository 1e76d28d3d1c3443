package org.gridintake.gateway;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import org.junit.jupiter.api.Test;

import org.gridintake.adapters.sms.simulator.ReceivedSms;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One portal report's whole journey, and the ways it must not go wrong: a retry makes no
 * second case, bad input stores nothing, a platform that is down delays the case but does
 * not lose it.
 */
class PortalJourneyTest extends GatewayIntegrationTest {

	private static final String STREETS_CASES = "/platforms/streets/cases";

	/**
	 * A real portal report from the sample district: a GCJ-02 map pick 500 m from its
	 * WGS-84 position, in unit grid 110199005001029 of config/grids.geojson. 油烟 makes it
	 * 餐饮油烟 (1109), a street-level category.
	 */
	private static String smokeReport(String text, String mobile) {
		return smokeReportAt(text, mobile, "双榆街115号楼下");
	}

	/**
	 * The same, with the address in words; a different door number is a different
	 * incident.
	 */
	private static String smokeReportAt(String text, String mobile, String address) {
		return """
				{"text": "%s",
				 "location": {"lon": 116.411522, "lat": 39.914483, "crs": "gcj02"},
				 "address": "%s", "mobile": "%s"}""".formatted(text, address, mobile);
	}

	@Test
	void aPortalReportTravelsToThePlatformAndItsProgressReachesTheResidentBySms() {
		String text = "饭馆油烟直排熏得受不了。" + UUID.randomUUID();
		Map<?, ?> accepted = postReport(smokeReport(text, "13800138000"), null).expectStatus()
			.isAccepted()
			.expectBody(Map.class)
			.returnResult()
			.getResponseBody();
		String caseNumber = (String) accepted.get("case_number");
		assertThat(caseNumber).matches("QH\\d{8}-\\d{6,}");
		assertThat(accepted.get("status_url")).isEqualTo("/api/v1/cases/" + caseNumber);

		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> PLATFORMS.verify(1,
					postRequestedFor(urlPathEqualTo(STREETS_CASES))
						.withRequestBody(matchingJsonPath("$.case_number", equalTo(caseNumber)))
						.withRequestBody(matchingJsonPath("$.grid.grid", equalTo("110199005001029")))
						.withRequestBody(matchingJsonPath("$.grid.community", equalTo("110199005001")))
						.withRequestBody(matchingJsonPath("$.grid.street", equalTo("110199005")))
						.withRequestBody(matchingJsonPath("$.category", equalTo("1109")))
						// the street platform is not entitled to the reporter's number
						.withRequestBody(matchingJsonPath("$.reporter_contact", equalTo("138****8000")))));
		await().atMost(Duration.ofSeconds(10)).until(() -> "FORWARDED".equals(status(caseNumber)));

		postStatus("qh-streets", """
				{"case_number": "%s", "status": "DISPATCHED", "note": "网格员张三已前往"}""".formatted(caseNumber),
				PLATFORM_SECRET)
			.expectStatus()
			.isOk();

		ReceivedSms sms = await().atMost(Duration.ofSeconds(20))
			.until(() -> SMSC.received()
				.stream()
				.filter((received) -> received.text().contains(caseNumber))
				.findFirst(), java.util.Optional::isPresent)
			.orElseThrow();
		assertThat(sms.destination()).endsWith("13800138000");
		assertThat(sms.dataCoding()).isEqualTo(8);
		assertThat(sms.text()).contains("已派遣网格员");

		Map<?, ?> view = this.http.get()
			.uri("/api/v1/cases/{n}", caseNumber)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(Map.class)
			.returnResult()
			.getResponseBody();
		assertThat(view.get("status")).isEqualTo("DISPATCHED");
		assertThat(view.get("description")).isEqualTo(text);
		assertThat(((List<?>) view.get("history")).stream().map((event) -> (Object) ((Map<?, ?>) event).get("status")))
			.containsExactly("RECEIVED", "LOCATED", "FORWARDED", "DISPATCHED");
		assertThat(((Map<?, ?>) view.get("reporter")).get("mobile")).isEqualTo("138****8000");
	}

	@Test
	void aReportWithOnlyAnAddressIsLocatedFromTheGazetteer() {
		String caseNumber = acceptedCaseNumber(postReport("""
				{"text": "饭馆油烟直排熏得受不了%s", "address": "双榆街115号楼下"}""".formatted(UUID.randomUUID()), null));
		this.http.get()
			.uri("/api/v1/cases/{n}", caseNumber)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.located")
			.isEqualTo(true)
			.jsonPath("$.grid.grid.code")
			.isEqualTo("110199005001029")
			.jsonPath("$.location_evidence.source")
			.isEqualTo("address")
			.jsonPath("$.location_evidence.place.place_name")
			.isEqualTo("双榆街115号");
	}

	@Test
	void aRepeatedRequestCreatesNoSecondCase() {
		String text = "路灯不亮了，晚上很黑。" + UUID.randomUUID();
		String json = smokeReport(text, "13900139000");
		String key = "portal-retry-" + UUID.randomUUID();
		String first = acceptedCaseNumber(postReport(json, key));
		String again = acceptedCaseNumber(postReport(json, key));
		assertThat(again).isEqualTo(first);
		// without a key, the same sender and content within minutes is a retry too
		String unkeyedText = text + "（无幂等键）";
		String unkeyed = acceptedCaseNumber(postReport(smokeReport(unkeyedText, "13900139000"), null));
		assertThat(acceptedCaseNumber(postReport(smokeReport(unkeyedText, "13900139000"), null))).isEqualTo(unkeyed);

		assertThat(casesWithText(text)).isEqualTo(1);
		assertThat(casesWithText(unkeyedText)).isEqualTo(1);
		await().atMost(Duration.ofSeconds(20)).until(() -> "FORWARDED".equals(status(first)));
		// 路灯 is a community-level category
		PLATFORMS.verify(1, postRequestedFor(urlPathEqualTo("/platforms/communities/cases"))
			.withRequestBody(matchingJsonPath("$.case_number", equalTo(first))));
	}

	@Test
	void invalidInputIsRefusedFieldByFieldAndNothingIsStored() {
		int before = this.jdbc.sql("select count(*) from report_case").query(Integer.class).single();
		postReport("""
				{"text": "  ", "location": {"lon": 116.4, "lat": 95.0, "crs": "utm"}, "mobile": "12345"}""", null)
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[*].field")
			.value((fields) -> assertThat((List<Object>) fields).containsExactlyInAnyOrder("text", "location.lat",
					"location.crs", "mobile"));
		postReport("{\"text\": \"井盖丢了\", \"location\": {\"lon\": \"东经116度\", \"lat\": 39.9}}", null).expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("location.lon");
		postReport("{\"text\": \"井盖丢了\"", null).expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("body");
		// a real map pick, but in Shanghai: a wrong point, not a case for this district's
		// triage
		postReport("{\"text\": \"井盖丢了\", \"location\": {\"lon\": 121.4737, \"lat\": 31.2304, \"crs\": \"wgs84\"}}",
				null)
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("location")
			.jsonPath("$.errors[0].message")
			.value((message) -> assertThat((String) message).contains("outside the area"));
		postReport("{\"text\": \"井盖丢了\"}", null).expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("location");
		int after = this.jdbc.sql("select count(*) from report_case").query(Integer.class).single();
		assertThat(after).isEqualTo(before);
	}

	@Test
	void aPlatformThatFailsAtFirstStillReceivesTheCaseOnceItRecovers() {
		PLATFORMS.resetAll();
		PLATFORMS.stubFor(WireMock.post(urlPathEqualTo(STREETS_CASES))
			.inScenario("outage")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(WireMock.aResponse().withStatus(503))
			.willSetStateTo("still down"));
		PLATFORMS.stubFor(WireMock.post(urlPathEqualTo(STREETS_CASES))
			.inScenario("outage")
			.whenScenarioStateIs("still down")
			.willReturn(WireMock.aResponse().withStatus(503))
			.willSetStateTo("recovered"));
		PLATFORMS.stubFor(WireMock.post(urlPathEqualTo(STREETS_CASES))
			.inScenario("outage")
			.whenScenarioStateIs("recovered")
			.willReturn(WireMock.aResponse()
				.withStatus(201)
				.withHeader("Content-Type", "application/json")
				.withBody("{\"platform_case_id\":\"JD-77\"}")));

		String caseNumber = acceptedCaseNumber(
				postReport(smokeReport("烧烤油烟太大。" + UUID.randomUUID(), "13700137000"), null));

		await().atMost(Duration.ofSeconds(30)).until(() -> "FORWARDED".equals(status(caseNumber)));
		List<String> keys = PLATFORMS
			.findAll(postRequestedFor(urlPathEqualTo(STREETS_CASES))
				.withRequestBody(matchingJsonPath("$.case_number", equalTo(caseNumber))))
			.stream()
			.map((request) -> request.getHeader("Idempotency-Key"))
			.toList();
		assertThat(keys).hasSize(3).containsOnly(keys.get(0));
		assertThat(this.jdbc.sql("select platform_case_id from report_case where case_number = ?")
			.param(caseNumber)
			.query(String.class)
			.single()).isEqualTo("JD-77");
	}

	@Test
	void aDeadPlatformIsLeftAloneWhileTheOthersGetTheirCasesAndGetsEachCaseOnceItIsBack() {
		PLATFORMS.resetAll();
		PLATFORMS
			.stubFor(WireMock.post(urlPathEqualTo(STREETS_CASES)).willReturn(WireMock.aResponse().withStatus(503)));
		PLATFORMS.stubFor(WireMock.post(urlPathEqualTo("/platforms/communities/cases"))
			.willReturn(WireMock.aResponse().withStatus(201).withBody("{}")));
		List<String> streetCases = new java.util.ArrayList<>();
		for (int i = 0; i < 6; i++) {
			// six restaurants along the street: six incidents, none a duplicate of
			// another
			streetCases.add(acceptedCaseNumber(postReport(
					smokeReportAt("饭馆油烟直排" + UUID.randomUUID(), "13300133000", "双榆街" + (115 + 2 * i) + "号楼下"), null)));
		}
		// 路灯 is a community-level category: its platform is up
		String lamp = acceptedCaseNumber(postReport(smokeReport("路灯不亮" + UUID.randomUUID(), "13300133001"), null));
		await().atMost(Duration.ofSeconds(20)).until(() -> "FORWARDED".equals(status(lamp)));
		// once its circuit opened, the dead platform was not hammered with every waiting
		// case's retries
		int hitsWhileDown = PLATFORMS.findAll(postRequestedFor(urlPathEqualTo(STREETS_CASES))).size();
		assertThat(hitsWhileDown).isLessThanOrEqualTo(5 + 10);
		assertThat(streetCases).allSatisfy((number) -> assertThat(status(number)).isEqualTo("LOCATED"));

		PLATFORMS.stubFor(WireMock.post(urlPathEqualTo(STREETS_CASES))
			.willReturn(WireMock.aResponse().withStatus(201).withBody("{}")));
		await().atMost(Duration.ofSeconds(30))
			.until(() -> streetCases.stream().allMatch((number) -> "FORWARDED".equals(status(number))));
		// each case booked exactly once: one DONE forward, whatever the failed attempts
		// before
		assertThat(this.jdbc.sql("""
				select count(*) from forward_outbox o join report_case c on c.id = o.case_id
				where c.case_number in (:numbers) and o.state = 'DONE'""")
			.param("numbers", streetCases)
			.query(Integer.class)
			.single()).isEqualTo(streetCases.size());
	}

	@Test
	void aCallbackWithAWrongSignatureIsRefusedAndChangesNothing() {
		String caseNumber = acceptedCaseNumber(
				postReport(smokeReport("油烟扰民。" + UUID.randomUUID(), "13600136000"), null));
		await().atMost(Duration.ofSeconds(20)).until(() -> "FORWARDED".equals(status(caseNumber)));
		String body = "{\"case_number\": \"%s\", \"status\": \"CLOSED\"}".formatted(caseNumber);

		postStatus("qh-streets", body, "not-the-secret").expectStatus().isForbidden();
		this.http.post()
			.uri("/api/v1/platforms/qh-streets/status")
			.contentType(org.springframework.http.MediaType.APPLICATION_JSON)
			.bodyValue(body)
			.exchange()
			.expectStatus()
			.isUnauthorized();
		// a platform that does not hold the case cannot move it, even when correctly
		// signed
		postStatus("qh-district", body, PLATFORM_SECRET).expectStatus().isForbidden();

		assertThat(status(caseNumber)).isEqualTo("FORWARDED");
	}

	private String status(String caseNumber) {
		return this.jdbc.sql("select status from report_case where case_number = ?")
			.param(caseNumber)
			.query(String.class)
			.single();
	}

}
