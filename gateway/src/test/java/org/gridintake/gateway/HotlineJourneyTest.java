package org.gridintake.gateway;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hotline operators logging calls, from the HTTP request to the stored case with its
 * grid.
 */
class HotlineJourneyTest extends GatewayIntegrationTest {

	private WebTestClient.ResponseSpec logCall(String json) {
		return this.http.post()
			.uri("/api/v1/hotline/calls")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(json.getBytes(StandardCharsets.UTF_8))
			.exchange();
	}

	private static String call(String callId, String caller) {
		return """
				{"call_id": "%s", "operator_id": "OP016", "caller": "%s",
				 "started_at": "2026-07-01T07:55:00+08:00", "ended_at": "2026-07-01T07:58:30+08:00",
				 "summary": "来电人反映双榆街115号楼下饭馆油烟直排，要求尽快处理。", "address": "双榆街115号楼下"}""".formatted(callId, caller);
	}

	@Test
	void aLoggedCallBecomesALocatedCaseOnceHoweverOftenItIsPosted() {
		String callId = "CC-" + UUID.randomUUID();
		String caseNumber = acceptedCaseNumber(logCall(call(callId, "13811112222")));
		assertThat(acceptedCaseNumber(logCall(call(callId, "13811112222")))).isEqualTo(caseNumber);

		assertThat(column(caseNumber, "channel")).isEqualTo("HOTLINE");
		assertThat(column(caseNumber, "grid_code")).isEqualTo("110199005001029");
		assertThat(column(caseNumber, "category_code")).isEqualTo("1109");
		assertThat(column(caseNumber, "sms_allowed")).isEqualTo("true");
		// the operator and the call's times are kept verbatim with the case
		assertThat(this.jdbc.sql("""
				select convert_from(r.body, 'UTF8') from raw_message r join report_case c on c.id = r.case_id
				where c.case_number = ?""").param(caseNumber).query(String.class).single())
			.contains("\"operator_id\": \"OP016\"")
			.contains("07:58:30+08:00");
		assertThat(this.jdbc.sql("select count(*) from report_case where channel_ref = ?")
			.param(callId)
			.query(Integer.class)
			.single()).isEqualTo(1);
	}

	@Test
	void aLandlineCallerIsARecordedReporterWhoIsNeverTexted() {
		String caseNumber = acceptedCaseNumber(logCall(call("CC-" + UUID.randomUUID(), "010-6512 3456")));
		assertThat(column(caseNumber, "reporter_mobile")).isNull();
		assertThat(column(caseNumber, "sms_allowed")).isEqualTo("false");
	}

	@Test
	void aBadLogIsRefusedFieldByFieldAndNothingIsStored() {
		int before = this.jdbc.sql("select count(*) from report_case").query(Integer.class).single();
		logCall("""
				{"call_id": "", "caller": "call me", "started_at": "2026-07-01T08:00:00+08:00",
				 "ended_at": "2026-07-01T07:00:00+08:00", "summary": " ", "category": "9999"}""").expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[*].field")
			.value((fields) -> assertThat((List<Object>) fields).containsExactlyInAnyOrder("call_id", "operator_id",
					"summary", "ended_at", "caller", "category"));
		logCall("{\"call_id\": \"x\", \"started_at\": \"yesterday\"}").expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[?(@.field == 'started_at')].message")
			.value((messages) -> assertThat(messages.toString()).contains("ISO-8601"));
		assertThat(this.jdbc.sql("select count(*) from report_case").query(Integer.class).single()).isEqualTo(before);
	}

	private String column(String caseNumber, String column) {
		return this.jdbc.sql("select " + column + "::text from report_case where case_number = ?")
			.param(caseNumber)
			.query(String.class)
			.list()
			.get(0);
	}

}
