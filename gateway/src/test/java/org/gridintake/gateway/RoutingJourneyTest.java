package org.gridintake.gateway;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.github.tomakehurst.wiremock.client.WireMock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.gridintake.routes.routing.RoutingRulesSource;
import org.springframework.beans.factory.annotation.Autowired;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Routing rules from the city's file, and what happens to cases platforms do not act on:
 * escalation when acceptance is overdue, re-routing after a 回退, reminders when resolution
 * is overdue.
 */
class RoutingJourneyTest extends GatewayIntegrationTest {

	private static final String DISTRICT_CASES = "/platforms/district/110199/cases";

	private static final String STREETS_CASES = "/platforms/streets/cases";

	private static final String DONGHUA_CASES = "/platforms/donghua/cases";

	private static final String COMMUNITIES_CASES = "/platforms/communities/cases";

	@Autowired
	RoutingRulesSource rules;

	private byte[] shippedRules;

	@AfterEach
	void putTheRulesBack() throws Exception {
		if (this.shippedRules != null) {
			Files.write(routingRules(), this.shippedRules);
			await().atMost(Duration.ofSeconds(10)).until(() -> this.rules.current().rules().size() == 2);
		}
	}

	/**
	 * In unit grid 110199005001029 (双榆街), whose street has only the district-wide
	 * platform.
	 */
	private static String reportAt(String text, String category, String mobile) {
		return """
				{"text": "%s", "location": {"lon": 116.411522, "lat": 39.914483, "crs": "gcj02"},
				 "address": "双榆街115号", "category": "%s", "mobile": "%s"}""".formatted(text, category, mobile);
	}

	@Test
	void anUrgentReportIsRoutedByItsRuleAndTheCaseShowsTheRuleAndPriority() {
		String caseNumber = acceptedCaseNumber(
				postReport(reportAt("路面塌陷了一个大坑 " + UUID.randomUUID(), "1106", "13800138101"), null));

		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> PLATFORMS.verify(1, postRequestedFor(urlPathEqualTo(DISTRICT_CASES))
				.withRequestBody(matchingJsonPath("$.case_number", equalTo(caseNumber)))));
		Map<String, Object> route = route(caseNumber);
		assertThat(route).containsEntry("platform_id", "qh-district")
			.containsEntry("level", "district")
			.containsEntry("priority", "URGENT");
		assertThat((String) route.get("rule")).contains("rule 2").contains("urgent word 「塌陷」");
		assertThat(routings(caseNumber)).containsExactly("INITIAL qh-district");
		assertThat(this.jdbc.sql("select priority from report_case where case_number = ?")
			.param(caseNumber)
			.query(String.class)
			.single()).isEqualTo("URGENT");
	}

	@Test
	void aCategoryInAStreetIsRoutedByItsRuleAndOtherwiseByTheDefaults() {
		String byRule = acceptedCaseNumber(postReport("""
				{"text": "幸福路123号门口天天有人摆摊 %s", "address": "幸福路123号", "category": "1102"}"""
			.formatted(UUID.randomUUID()), null));
		assertThat((String) route(byRule).get("rule")).startsWith("rule 1 \"东华街道的占道经营归东华街道\"");
		assertThat(route(byRule)).containsEntry("platform_id", "donghua-street").containsEntry("priority", "NORMAL");

		String byDefault = acceptedCaseNumber(
				postReport(reportAt("门口有人摆摊 " + UUID.randomUUID(), "1102", "13800138102"), null));
		assertThat(route(byDefault)).containsEntry("platform_id", "qh-streets");
		assertThat((String) route(byDefault).get("rule")).startsWith("category 1102");
	}

	@Test
	void changedRulesApplyWithoutARestart() throws Exception {
		this.shippedRules = Files.readAllBytes(routingRules());
		Files.writeString(routingRules(), new String(this.shippedRules, StandardCharsets.UTF_8) + """
				  - name: 网站上报的小广告交区里
				    channel: portal
				    category: "1108"
				    platform: qh-district
				""");
		await().atMost(Duration.ofSeconds(10)).until(() -> this.rules.current().rules().size() == 3);

		String caseNumber = acceptedCaseNumber(
				postReport(reportAt("墙上贴满了小广告 " + UUID.randomUUID(), "1108", "13800138103"), null));
		assertThat(route(caseNumber)).containsEntry("platform_id", "qh-district");
		assertThat((String) route(caseNumber).get("rule")).contains("rule 3 \"网站上报的小广告交区里\"");
	}

	@Test
	void aCaseNotAcceptedInTimeEscalatesAndTheFirstPlatformIsTold() {
		// 非机动车乱停 is a community matter, with one second to accept in these tests
		String caseNumber = acceptedCaseNumber(
				postReport(reportAt("共享单车乱停堵住了路 " + UUID.randomUUID(), FAST_ACCEPT_CATEGORY, "13800138104"), null));

		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> PLATFORMS.verify(1, postRequestedFor(urlPathEqualTo(STREETS_CASES))
				.withRequestBody(matchingJsonPath("$.case_number", equalTo(caseNumber)))));
		PLATFORMS.verify(1, postRequestedFor(urlPathEqualTo(COMMUNITIES_CASES))
			.withRequestBody(matchingJsonPath("$.case_number", equalTo(caseNumber))));
		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> PLATFORMS.verify(1,
					postRequestedFor(urlPathEqualTo(COMMUNITIES_CASES + "/" + caseNumber + "/withdrawal"))
						.withRequestBody(matchingJsonPath("$.kind", equalTo("withdrawal")))));
		assertThat(routings(caseNumber)).startsWith("INITIAL qh-communities", "ESCALATED qh-streets");
		assertThat(notes(caseNumber)).anyMatch((note) -> note.startsWith(
				"not accepted by qh-communities within 1 s; escalated to street platform qh-streets (青河区街道网格化管理平台)"));
		assertThat(route(caseNumber)).containsEntry("platform_id", "qh-streets");
		// the platform that lost the case can no longer report on it
		postStatus("qh-communities", """
				{"case_number": "%s", "status": "ACCEPTED"}""".formatted(caseNumber), PLATFORM_SECRET).expectStatus()
			.is4xxClientError();
	}

	@Test
	void aReturnedCaseGoesToTheNextPlatformNotYetTriedAndFinallyToDistrictTriage() {
		String mobile = "13800138105";
		String caseNumber = acceptedCaseNumber(postReport("""
				{"text": "幸福路123号路口有人占道卖菜 %s", "address": "幸福路123号", "category": "1102", "mobile": "%s"}"""
			.formatted(UUID.randomUUID(), mobile), null));
		awaitForwarded(caseNumber, DONGHUA_CASES, 1);

		returned("donghua-street", caseNumber, "不属于本街道职责");
		awaitForwarded(caseNumber, STREETS_CASES, 1);
		returned("qh-streets", caseNumber, "应由区里处置");
		awaitForwarded(caseNumber, DISTRICT_CASES, 1);
		returned("qh-district", caseNumber, "职责不清");
		awaitForwarded(caseNumber, DISTRICT_CASES, 2);

		assertThat(routings(caseNumber)).containsExactly("INITIAL donghua-street", "RETURNED qh-streets",
				"RETURNED qh-district", "RETURNED qh-district");
		assertThat(route(caseNumber)).containsEntry("triage", true);
		assertThat(notes(caseNumber))
			.anyMatch((note) -> note.startsWith(
					"returned by donghua-street (回退: 不属于本街道职责); routed again to street " + "platform qh-streets"))
			.anyMatch((note) -> note.contains("no platform left: district triage"));
		// a hand-over between offices asks nothing of the resident
		assertThat(this.jdbc.sql("select count(*) from sms_outbox where mobile = ?")
			.param(mobile)
			.query(Integer.class)
			.single()).isZero();
	}

	@Test
	void aPlatformRefusingTheCaseOutrightIsTreatedAsAReturn() {
		String marker = UUID.randomUUID().toString();
		PLATFORMS.stubFor(WireMock.post(urlPathEqualTo(DONGHUA_CASES))
			.atPriority(1)
			.withRequestBody(containing(marker))
			.willReturn(WireMock.aResponse().withStatus(422).withBody("不属于本街道职责")));
		String caseNumber = acceptedCaseNumber(postReport("""
				{"text": "幸福路123号有人占道摆摊 %s", "address": "幸福路123号", "category": "1102"}""".formatted(marker), null));

		awaitForwarded(caseNumber, STREETS_CASES, 1);
		assertThat(routings(caseNumber)).containsExactly("INITIAL donghua-street", "RETURNED qh-streets");
		assertThat(notes(caseNumber)).anyMatch((note) -> note.startsWith("refused by donghua-street (HTTP 422"));
		// not a dead letter an operator could replay to the platform that refused
		assertThat(this.jdbc.sql("""
				select count(*) from forward_outbox o join report_case c on c.id = o.case_id
				where c.case_number = ? and o.state = 'DEAD'""").param(caseNumber).query(Integer.class).single())
			.isZero();
	}

	@Test
	void aCaseNotResolvedInTimeGetsOneReminder() {
		String caseNumber = acceptedCaseNumber(
				postReport(reportAt("饭馆油烟熏人 " + UUID.randomUUID(), "1109", "13800138106"), null));
		awaitForwarded(caseNumber, STREETS_CASES, 1);
		assertThat(this.jdbc.sql("""
				select accept_due_at > received_at and resolve_due_at > accept_due_at
				from report_case where case_number = ?""").param(caseNumber).query(Boolean.class).single()).isTrue();
		postStatus("qh-streets", """
				{"case_number": "%s", "status": "ACCEPTED"}""".formatted(caseNumber), PLATFORM_SECRET).expectStatus()
			.isOk();
		// five working days pass
		this.jdbc.sql("update report_case set resolve_due_at = now() - interval '1 minute' where case_number = ?")
			.param(caseNumber)
			.update();

		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> PLATFORMS.verify(1,
					postRequestedFor(urlPathEqualTo(STREETS_CASES + "/" + caseNumber + "/reminders"))));
		assertThat(this.jdbc.sql("select resolve_overdue_at is not null from report_case where case_number = ?")
			.param(caseNumber)
			.query(Boolean.class)
			.single()).isTrue();
		assertThat(this.jdbc.sql("""
				select count(*) from forward_outbox o join report_case c on c.id = o.case_id
				where c.case_number = ? and o.kind = 'REMINDER'""").param(caseNumber).query(Integer.class).single())
			.isEqualTo(1);
	}

	private void returned(String platform, String caseNumber, String reason) {
		postStatus(platform, """
				{"case_number": "%s", "status": "RETURNED", "note": "%s"}""".formatted(caseNumber, reason),
				PLATFORM_SECRET)
			.expectStatus()
			.isOk();
	}

	private void awaitForwarded(String caseNumber, String path, int times) {
		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> PLATFORMS.verify(times, postRequestedFor(urlPathEqualTo(path))
				.withRequestBody(matchingJsonPath("$.case_number", equalTo(caseNumber)))));
		await().atMost(Duration.ofSeconds(10))
			.until(() -> "FORWARDED".equals(this.jdbc.sql("select status from report_case where case_number = ?")
				.param(caseNumber)
				.query(String.class)
				.single()));
	}

	@SuppressWarnings("unchecked")
	private Map<String, Object> route(String caseNumber) {
		Map<String, Object> view = this.http.get()
			.uri("/api/v1/cases/{n}", caseNumber)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(Map.class)
			.returnResult()
			.getResponseBody();
		return (Map<String, Object>) view.get("route");
	}

	private List<String> routings(String caseNumber) {
		return this.jdbc.sql("""
				select r.reason || ' ' || r.platform_id from case_routing r join report_case c on c.id = r.case_id
				where c.case_number = ? order by r.id""").param(caseNumber).query(String.class).list();
	}

	private List<String> notes(String caseNumber) {
		return this.jdbc.sql("""
				select e.note from status_event e join report_case c on c.id = e.case_id
				where c.case_number = ? and e.note is not null order by e.id""")
			.param(caseNumber)
			.query(String.class)
			.list();
	}

}
