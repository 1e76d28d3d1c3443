package org.gridintake.gateway;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The APIs behind the operator console: where an address lands, which open cases of the
 * same kind are near it, and attaching a caller to one of them.
 */
class OperatorConsoleApiTest extends GatewayIntegrationTest {

	private static final ParameterizedTypeReference<Map<String, Object>> JSON_OBJECT = new ParameterizedTypeReference<>() {
	};

	@Test
	void anAddressResolvesToTheGridIntakeWouldPickOrSaysWhyNot() {
		Map<String, Object> resolved = get("/api/v1/console/resolve?address={a}", "双榆街115号楼下").getResponseBody();
		assertThat(resolved).containsEntry("resolved", true)
			.containsEntry("grid", Map.of("code", "110199005001029", "name", "兴华社区第29网格"))
			.containsEntry("community", Map.of("code", "110199005001", "name", "兴华社区"))
			.containsEntry("street", Map.of("code", "110199005", "name", "北新街道"))
			.containsEntry("place", "双榆街115号")
			.containsEntry("source", "address");
		assertThat((Double) resolved.get("confidence")).isGreaterThanOrEqualTo(0.5);

		Map<String, Object> road = get("/api/v1/console/resolve?address={a}", "幸福路").getResponseBody();
		assertThat(road).containsEntry("resolved", false);
		assertThat((String) road.get("reason")).contains("幸福路").contains("too coarse");
		assertThat(get("/api/v1/console/resolve?address={a}", "火星基地").getResponseBody()).containsEntry("resolved",
				false);

		Map<String, Object> point = get("/api/v1/console/resolve?lon={x}&lat={y}", "116.4050485", "39.9132259")
			.getResponseBody();
		assertThat(point).containsEntry("resolved", true).containsEntry("source", "point");
		assertThat(point.get("grid")).isEqualTo(Map.of("code", "110199005001029", "name", "兴华社区第29网格"));
	}

	@Test
	void badLookUpsAreRefusedNamingEachParameter() {
		assertThat(errorFields(get("/api/v1/console/resolve"))).containsExactly("address");
		assertThat(errorFields(get("/api/v1/console/resolve?lon=east&lat=91&crs=mars")))
			.containsExactlyInAnyOrder("lon", "lat", "crs");
		assertThat(errorFields(get("/api/v1/console/nearby?address={a}&radius_m=5000", "双榆街115号")))
			.containsExactlyInAnyOrder("category", "radius_m");
		assertThat(errorFields(get("/api/v1/console/nearby?address={a}&category=1101", "火星基地")))
			.containsExactly("address");
	}

	@Test
	void nearbyListsOpenCasesOfTheSameCategoryNearestFirst() {
		String marker = UUID.randomUUID().toString();
		String near = acceptedCaseNumber(
				logCall(call("CC-" + UUID.randomUUID(), newMobile(), "健身器材损坏 " + marker, "幸福路125号", "0105", null)));
		String farther = acceptedCaseNumber(
				logCall(call("CC-" + UUID.randomUUID(), newMobile(), "单杠断了 " + marker, "幸福路133号", "0105", null)));
		String otherKind = acceptedCaseNumber(
				logCall(call("CC-" + UUID.randomUUID(), newMobile(), "路灯不亮 " + marker, "幸福路125号", "0101", null)));

		List<Map<String, Object>> cases = nearbyCases("幸福路125号", "0105", null);
		List<Object> numbers = cases.stream().map((c) -> c.get("case_number")).toList();
		assertThat(numbers).contains(near, farther).doesNotContain(otherKind);
		assertThat(numbers.indexOf(near)).isLessThan(numbers.indexOf(farther));
		Map<String, Object> first = cases.get(numbers.indexOf(near));
		assertThat(first).containsEntry("description", "健身器材损坏 " + marker)
			.containsEntry("category", "0105")
			.containsEntry("address", "幸福路125号")
			.containsEntry("reports", 1)
			.containsKeys("status", "received_at");
		assertThat(((Number) first.get("distance_m")).doubleValue()).isLessThan(5);
		assertThat(((Number) cases.get(numbers.indexOf(farther)).get("distance_m")).doubleValue()).isBetween(20.0,
				300.0);
		assertThat(nearbyCases("幸福路125号", "0105", "10").stream().map((c) -> c.get("case_number")))
			.doesNotContain(farther);
	}

	@Test
	void anAttachedCallerBecomesALinkedDuplicateAndHearsOfTheMastersProgress() {
		String master = acceptedCaseNumber(logCall(call("CC-" + UUID.randomUUID(), newMobile(),
				"健身器材螺丝松动有危险 " + UUID.randomUUID(), "幸福路127号", "0105", null)));
		await().atMost(Duration.ofSeconds(20)).until(() -> "FORWARDED".equals(column(master, "status")));

		String caller = newMobile();
		String callId = "CC-" + UUID.randomUUID();
		String attach = call(callId, caller, "又一位来电人反映幸福路127号健身器材松动", "幸福路127号", "0105", master);
		Map<String, Object> answer = accepted(logCall(attach));
		assertThat(answer).containsEntry("case_number", master).containsEntry("attached_to", master);
		String own = (String) answer.get("call_case_number");
		assertThat(own).isNotEqualTo(master);
		// a retried post changes nothing and answers the same
		assertThat(accepted(logCall(attach))).containsEntry("case_number", master)
			.containsEntry("call_case_number", own)
			.containsEntry("duplicate", true);

		assertThat(column(own, "status")).isEqualTo("MERGED");
		assertThat(column(own, "channel")).isEqualTo("HOTLINE");
		assertThat(column(own, "description")).isEqualTo("又一位来电人反映幸福路127号健身器材松动");
		assertThat(this.jdbc.sql("""
				select m.case_number from report_case c join report_case m on m.id = c.master_case_id
				where c.case_number = ?""").param(own).query(String.class).single()).isEqualTo(master);
		assertThat(this.jdbc.sql("""
				select count(*) from forward_outbox o join report_case c on c.id = o.case_id where c.case_number = ?""")
			.param(own)
			.query(Integer.class)
			.single()).isZero();
		assertThat(this.jdbc.sql("""
				select e.note from status_event e join report_case c on c.id = e.case_id
				where c.case_number = ? and e.status = 'MERGED'""").param(own).query(String.class).single())
			.isEqualTo("attached by operator OP016 to case " + master);

		postStatus(column(master, "route_platform_id"), """
				{"case_number": "%s", "status": "DISPATCHED", "note": "网格员已前往"}""".formatted(master), PLATFORM_SECRET)
			.expectStatus()
			.isOk();
		await().atMost(Duration.ofSeconds(20))
			.until(() -> textsTo(caller).stream().anyMatch((text) -> text.contains(master)));
	}

	@Test
	void aCallCannotBeAttachedToAnUnknownOrFinishedCase() {
		assertThat(errorFields(
				logCall(call("CC-" + UUID.randomUUID(), newMobile(), "健身器材坏了", "幸福路127号", "0105", "QH20260101-999999"))
					.expectBody(JSON_OBJECT)
					.returnResult()))
			.containsExactly("attach_to");
		assertThat(errorFields(
				logCall(call("CC-" + UUID.randomUUID(), newMobile(), "健身器材坏了", "幸福路127号", "0105", "not a case number"))
					.expectBody(JSON_OBJECT)
					.returnResult()))
			.containsExactly("attach_to");

		String closed = acceptedCaseNumber(logCall(
				call("CC-" + UUID.randomUUID(), newMobile(), "健身器材坏了 " + UUID.randomUUID(), "幸福路127号", "0105", null)));
		this.jdbc.sql("update report_case set status = 'CLOSED' where case_number = ?").param(closed).update();
		String callId = "CC-" + UUID.randomUUID();
		EntityExchangeResult<Map<String, Object>> refused = logCall(
				call(callId, newMobile(), "健身器材又坏了", "幸福路127号", "0105", closed))
			.expectBody(JSON_OBJECT)
			.returnResult();
		assertThat(refused.getStatus()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(refused.getResponseBody().toString()).contains(closed);
		assertThat(casesWithText("健身器材又坏了")).isZero();
	}

	private List<Map<String, Object>> nearbyCases(String address, String category, String radius) {
		EntityExchangeResult<Map<String, Object>> result = get(
				"/api/v1/console/nearby?address={a}&category={c}" + ((radius != null) ? "&radius_m=" + radius : ""),
				address, category);
		assertThat(result.getStatus()).isEqualTo(HttpStatus.OK);
		return (List<Map<String, Object>>) result.getResponseBody().get("cases");
	}

	private EntityExchangeResult<Map<String, Object>> get(String uri, Object... variables) {
		return this.http.get().uri(uri, variables).exchange().expectBody(JSON_OBJECT).returnResult();
	}

	private static List<Object> errorFields(EntityExchangeResult<Map<String, Object>> result) {
		assertThat(result.getStatus()).isEqualTo(HttpStatus.BAD_REQUEST);
		return ((List<Map<String, Object>>) result.getResponseBody().get("errors")).stream()
			.map((e) -> e.get("field"))
			.toList();
	}

	private WebTestClient.ResponseSpec logCall(String json) {
		return this.http.post()
			.uri("/api/v1/hotline/calls")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(json.getBytes(StandardCharsets.UTF_8))
			.exchange();
	}

	private static Map<String, Object> accepted(WebTestClient.ResponseSpec response) {
		return response.expectStatus().isAccepted().expectBody(JSON_OBJECT).returnResult().getResponseBody();
	}

	private static String call(String callId, String caller, String summary, String address, String category,
			String attachTo) {
		return """
				{"call_id": "%s", "operator_id": "OP016", "caller": "%s",
				 "started_at": "2026-07-01T09:00:00+08:00", "ended_at": "2026-07-01T09:03:00+08:00",
				 "summary": "%s", "address": "%s", "category": "%s"%s}""".formatted(callId, caller, summary, address,
				category, (attachTo != null) ? ", \"attach_to\": \"" + attachTo + "\"" : "");
	}

	static String newMobile() {
		return "139" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
	}

	private String column(String caseNumber, String column) {
		return this.jdbc.sql("select " + column + "::text from report_case where case_number = ?")
			.param(caseNumber)
			.query(String.class)
			.single();
	}

}
