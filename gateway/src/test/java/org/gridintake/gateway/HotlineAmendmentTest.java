package org.gridintake.gateway;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.github.tomakehurst.wiremock.client.WireMock;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An operator correcting a logged call: until the case reaches a platform the corrected
 * address moves it to another grid and platform; after that the platform has it and the
 * gateway refuses.
 */
class HotlineAmendmentTest extends GatewayIntegrationTest {

	/** In 北新街道, whose street-level cases go to the district-wide street platform. */
	private static final String FIRST_ADDRESS = "双榆街115号楼下";

	/** In 东华街道, which runs a street platform of its own. */
	private static final String CORRECTED_ADDRESS = "幸福路123号";

	private static final String NOISE = "1104";

	@Test
	void anAmendmentBeforeForwardingSendsTheCaseToTheCorrectedGridsPlatform() {
		String callId = "CC-" + UUID.randomUUID();
		String marker = UUID.randomUUID().toString();
		// the district-wide street platform is down for this case: it stays unforwarded
		PLATFORMS.stubFor(WireMock.post(urlPathEqualTo("/platforms/streets/cases"))
			.atPriority(1)
			.withRequestBody(containing(marker))
			.willReturn(WireMock.aResponse().withStatus(503)));
		String caseNumber = acceptedCaseNumber(
				logCall(call(callId, "来电人反映工地夜间施工噪音扰民，" + marker, FIRST_ADDRESS, NOISE)));
		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> PLATFORMS.verify(postRequestedFor(urlPathEqualTo("/platforms/streets/cases"))
				.withRequestBody(matchingJsonPath("$.case_number", equalTo(caseNumber)))));
		assertThat(column(caseNumber, "grid_code")).isEqualTo("110199005001029");

		String corrected = call(null, "来电人更正：是幸福路123号工地夜间施工噪音扰民，" + marker, CORRECTED_ADDRESS, NOISE);
		// a retry that is being sent at this very moment is refused with Retry-After; the
		// console tries again, and so does this test
		Map<String, Object> answer = await().atMost(Duration.ofSeconds(20))
			.until(() -> amend(callId, corrected), (result) -> result.getStatus() != HttpStatus.CONFLICT)
			.getResponseBody();

		assertThat(answer).containsEntry("case_number", caseNumber).containsEntry("changed", true);
		assertThat(answer.get("grid")).isEqualTo(Map.of("code", "110199001003075", "name", "融泽社区第75网格"));
		assertThat(answer.get("street")).isEqualTo(Map.of("code", "110199001", "name", "东华街道"));
		assertThat((Map<String, Object>) answer.get("route")).containsEntry("platform_id", "donghua-street");
		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> PLATFORMS.verify(postRequestedFor(urlPathEqualTo("/platforms/donghua/cases"))
				.withRequestBody(matchingJsonPath("$.case_number", equalTo(caseNumber)))
				.withRequestBody(matchingJsonPath("$.grid.grid", equalTo("110199001003075")))
				.withRequestBody(matchingJsonPath("$.address", equalTo(CORRECTED_ADDRESS)))
				.withRequestBody(containing("来电人更正：是幸福路123号工地夜间施工噪音扰民"))));
		await().atMost(Duration.ofSeconds(20)).until(() -> "FORWARDED".equals(column(caseNumber, "status")));
		assertThat(column(caseNumber, "description")).isEqualTo("来电人更正：是幸福路123号工地夜间施工噪音扰民，" + marker);
		assertThat(column(caseNumber, "route_platform_id")).isEqualTo("donghua-street");

		// who changed what is in the history, and both versions of the log are kept
		assertThat(this.jdbc.sql("""
				select e.source || ' ' || e.note from status_event e join report_case c on c.id = e.case_id
				where c.case_number = ? and e.source like 'operator:%'""").param(caseNumber).query(String.class).list())
			.singleElement()
			.asString()
			.startsWith("operator:OP016 call log amended by operator OP016")
			.contains("address '双榆街115号楼下' → '幸福路123号'")
			.contains("grid 110199005001029 兴华社区第29网格 → 110199001003075 融泽社区第75网格")
			.contains("platform qh-streets → donghua-street");
		assertThat(rawLogs(caseNumber)).hasSize(2);
		assertThat(rawLogs(caseNumber).get(0)).contains(FIRST_ADDRESS);
		assertThat(rawLogs(caseNumber).get(1)).contains(CORRECTED_ADDRESS).contains("来电人更正");
	}

	@Test
	void anAmendmentAfterForwardingIsRefusedAndChangesNothing() {
		String callId = "CC-" + UUID.randomUUID();
		String caseNumber = acceptedCaseNumber(logCall(call(callId, "来电人反映工地夜间施工噪音扰民", FIRST_ADDRESS, NOISE)));
		await().atMost(Duration.ofSeconds(20)).until(() -> "FORWARDED".equals(column(caseNumber, "status")));

		EntityExchangeResult<Map<String, Object>> refused = amend(callId,
				call(callId, "来电人反映工地夜间施工噪音扰民", CORRECTED_ADDRESS, NOISE));
		assertThat(refused.getStatus()).isEqualTo(HttpStatus.CONFLICT);
		assertThat(refused.getResponseBody().toString()).contains("already forwarded to qh-streets");
		assertThat(column(caseNumber, "address")).isEqualTo(FIRST_ADDRESS);
		assertThat(column(caseNumber, "grid_code")).isEqualTo("110199005001029");
		assertThat(rawLogs(caseNumber)).hasSize(1);
	}

	@Test
	void anUnknownCallIsNotFoundAndABadAmendmentIsRefusedFieldByField() {
		assertThat(amend("CC-never-logged-" + UUID.randomUUID(), call(null, "噪音", FIRST_ADDRESS, NOISE)).getStatus())
			.isEqualTo(HttpStatus.NOT_FOUND);

		String callId = "CC-" + UUID.randomUUID();
		acceptedCaseNumber(logCall(call(callId, "来电人反映工地夜间施工噪音扰民", FIRST_ADDRESS, NOISE)));
		EntityExchangeResult<Map<String, Object>> bad = amend(callId,
				call("CC-another-call", " ", FIRST_ADDRESS, "9999").replace("\"caller\": \"13811112222\"",
						"\"caller\": \"call me\", \"attach_to\": \"QH20260701-000001\""));
		assertThat(bad.getStatus()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat((List<Map<String, Object>>) bad.getResponseBody().get("errors")).extracting((e) -> e.get("field"))
			.containsExactlyInAnyOrder("call_id", "attach_to", "summary", "caller", "category");
	}

	private WebTestClient.ResponseSpec logCall(String json) {
		return this.http.post()
			.uri("/api/v1/hotline/calls")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(json.getBytes(StandardCharsets.UTF_8))
			.exchange();
	}

	private EntityExchangeResult<Map<String, Object>> amend(String callId, String json) {
		return this.http.put()
			.uri("/api/v1/hotline/calls/{id}", callId)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(json.getBytes(StandardCharsets.UTF_8))
			.exchange()
			.expectBody(new org.springframework.core.ParameterizedTypeReference<Map<String, Object>>() {
			})
			.returnResult();
	}

	/** A call log; a null call id leaves it out, as an amendment may. */
	private static String call(String callId, String summary, String address, String category) {
		return """
				{%s"operator_id": "OP016", "caller": "13811112222",
				 "started_at": "2026-07-01T21:55:00+08:00", "ended_at": "2026-07-01T21:58:30+08:00",
				 "summary": "%s", "address": "%s", "category": "%s"}"""
			.formatted((callId != null) ? "\"call_id\": \"" + callId + "\", " : "", summary, address, category);
	}

	private List<String> rawLogs(String caseNumber) {
		return this.jdbc.sql("""
				select log from (
				  select 0 as version, convert_from(r.body, 'UTF8') as log from raw_message r
				  join report_case c on c.id = r.case_id where c.case_number = :number
				  union all
				  select a.id, convert_from(a.body, 'UTF8') from raw_message_amendment a
				  join report_case c on c.id = a.case_id where c.case_number = :number
				) logs order by version""").param("number", caseNumber).query(String.class).list();
	}

	private String column(String caseNumber, String column) {
		return this.jdbc.sql("select " + column + "::text from report_case where case_number = ?")
			.param(caseNumber)
			.query(String.class)
			.list()
			.get(0);
	}

}
