package org.gridintake.gateway;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every intake endpoint refuses a request without its client's key (401) and with the
 * wrong one (403), and stores nothing; a reporter number that files too often is told to
 * wait (429).
 */
class ClientAccessTest extends GatewayIntegrationTest {

	private static final String REPORT = """
			{"text": "双榆街115号楼下井盖丢了", "address": "双榆街115号"}""";

	private static final String CALL = """
			{"call_id": "%s", "operator_id": "OP016", "caller": "13811112222",
			 "started_at": "2026-07-01T07:55:00+08:00", "ended_at": "2026-07-01T07:58:30+08:00",
			 "summary": "来电反映双榆街115号楼下井盖丢了", "address": "双榆街115号"}""";

	private WebTestClient.ResponseSpec post(String path, String body, String key) {
		return this.anonymous.post().uri(path).contentType(MediaType.APPLICATION_JSON).headers((headers) -> {
			if (key != null) {
				headers.setBearerAuth(key);
			}
		}).bodyValue(body.getBytes(StandardCharsets.UTF_8)).exchange();
	}

	private int cases() {
		return this.jdbc.sql("select count(*) from report_case").query(Integer.class).single();
	}

	@Test
	void aRequestWithoutAKeyIsRefusedWith401AndNothingIsStored() {
		int before = cases();
		post("/api/v1/reports", REPORT, null).expectStatus()
			.isUnauthorized()
			.expectHeader()
			.valueMatches(HttpHeaders.WWW_AUTHENTICATE, "Bearer .*")
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("Authorization");
		post("/api/v1/hotline/calls", CALL.formatted("CC-" + UUID.randomUUID()), null).expectStatus().isUnauthorized();
		this.anonymous.get().uri("/api/v1/cases/QH20260701-000001").exchange().expectStatus().isUnauthorized();
		assertThat(cases()).isEqualTo(before);
	}

	@Test
	void aWrongKeyOrAnotherClientsKeyIsRefusedWith403() {
		int before = cases();
		post("/api/v1/reports", REPORT, "not-a-key-of-any-client-at-all").expectStatus()
			.isForbidden()
			.expectBody()
			.jsonPath("$.errors[0].message")
			.isEqualTo("is not a valid API key");
		// the portal's key is real, but a portal front end does not log hotline calls
		post("/api/v1/hotline/calls", CALL.formatted("CC-" + UUID.randomUUID()), CLIENT_KEYS.get("portal"))
			.expectStatus()
			.isForbidden();
		post("/api/v1/reports", REPORT, CLIENT_KEYS.get("call-centre")).expectStatus().isForbidden();
		assertThat(cases()).isEqualTo(before);
	}

	@Test
	void eachClientIsLetInWhereItBelongs() {
		post("/api/v1/hotline/calls", CALL.formatted("CC-" + UUID.randomUUID()), CLIENT_KEYS.get("call-centre"))
			.expectStatus()
			.isAccepted();
		post("/api/v1/hotline/calls", CALL.formatted("CC-" + UUID.randomUUID()), CLIENT_KEYS.get("console"))
			.expectStatus()
			.isAccepted();
		post("/api/v1/reports", REPORT, CLIENT_KEYS.get("portal")).expectStatus().isAccepted();
	}

	@Test
	void open311ClientsGetTheSpecsErrorShapeAndMayReadWithoutAKey() {
		this.anonymous.post()
			.uri("/open311/v2/requests.json")
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.bodyValue("service_code=1109&description=x&lat=39.9&long=116.4")
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectBody()
			.jsonPath("$[0].code")
			.isEqualTo(401);
		this.anonymous.post()
			.uri("/open311/v2/requests.xml?api_key=wrong-key-of-nobody-at-all")
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.bodyValue("service_code=1109&description=x&lat=39.9&long=116.4")
			.exchange()
			.expectStatus()
			.isForbidden()
			.expectBody(String.class)
			.value((xml) -> assertThat(xml).contains("<errors><error><code>403</code>"));
		// the spec's api_key parameter is a credential like the header
		this.anonymous.post()
			.uri("/open311/v2/requests.json?api_key=" + CLIENT_KEYS.get("portal"))
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.bodyValue(
					"service_code=1109&description=%E6%B2%B9%E7%83%9F&address_string=%E5%8F%8C%E6%A6%86%E8%A1%97115%E5%8F%B7")
			.exchange()
			.expectStatus()
			.isCreated();
		this.anonymous.get().uri("/open311/v2/services.json").exchange().expectStatus().isOk();
	}

	@Test
	void theSpecsApiKeyFieldInAFormIsACredentialAndIsNotKeptWithTheReport() {
		String form = "service_code=1109&description=%E6%B2%B9%E7%83%9F" + UUID.randomUUID()
				+ "&address_string=%E5%8F%8C%E6%A6%86%E8%A1%97115%E5%8F%B7&api_key=";
		this.anonymous.post()
			.uri("/open311/v2/requests.json")
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.bodyValue(form + "not-a-key-of-anyone-at-all")
			.exchange()
			.expectStatus()
			.isForbidden()
			.expectBody()
			.jsonPath("$[0].description")
			.value((description) -> assertThat((String) description).startsWith("api_key"));
		String caseNumber = (String) this.anonymous.post()
			.uri("/open311/v2/requests.json")
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.bodyValue(form + CLIENT_KEYS.get("portal"))
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody(List.class)
			.returnResult()
			.getResponseBody()
			.stream()
			.map((request) -> ((java.util.Map<?, ?>) request).get("service_request_id"))
			.findFirst()
			.orElseThrow();
		assertThat(this.jdbc.sql("""
				select convert_from(r.body, 'UTF8') from raw_message r join report_case c on c.id = r.case_id
				where c.case_number = ?""").param(caseNumber).query(String.class).single())
			.contains("service_code=1109")
			.doesNotContain("api_key")
			.doesNotContain(CLIENT_KEYS.get("portal"));
	}

	@Test
	void aNumberThatFilesTooOftenIsToldToWaitWhileOthersAreNot() {
		String mobile = "1390000" + String.format("%04d", (int) (Math.random() * 10_000));
		String report = """
				{"text": "双榆街115号楼下井盖丢了 %s", "address": "双榆街115号", "mobile": "%s"}""";
		for (int i = 0; i < REPORTS_PER_NUMBER; i++) {
			postReport(report.formatted(i, mobile), null).expectStatus().isAccepted();
		}
		int before = cases();
		postReport(report.formatted("one too many", mobile), null).expectStatus()
			.isEqualTo(429)
			.expectHeader()
			.exists(HttpHeaders.RETRY_AFTER)
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("mobile");
		assertThat(cases()).isEqualTo(before);
		// a retry of an accepted report is not a new report, and another number is free
		postReport(report.formatted(0, mobile), null).expectStatus().isAccepted();
		postReport(report.formatted("neighbour", "13911112222"), null).expectStatus().isAccepted();
		assertThat(List.of(cases())).containsExactly(before + 1);
	}

}
