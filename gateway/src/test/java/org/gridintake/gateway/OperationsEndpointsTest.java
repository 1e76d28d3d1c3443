package org.gridintake.gateway;

import java.time.Duration;
import java.util.UUID;

import com.github.tomakehurst.wiremock.client.WireMock;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What the city's operations staff look at: health of every dependency and intake counts.
 */
class OperationsEndpointsTest extends GatewayIntegrationTest {

	@Test
	void healthNamesEveryDependency() {
		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> this.http.get()
				.uri("/actuator/health")
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody()
				.jsonPath("$.components.db.status")
				.isEqualTo("UP")
				.jsonPath("$.components.redis.status")
				.isEqualTo("UP")
				.jsonPath("$.components.smsc.status")
				.isEqualTo("UP"));
	}

	@Test
	void prometheusCountsIntakeByChannelAndOutcome() {
		acceptedCaseNumber(postReport("""
				{"text": "路灯坏了%s", "location": {"lon": 116.411522, "lat": 39.914483, "crs": "gcj02"}}"""
			.formatted(UUID.randomUUID()), null));
		postReport("{\"text\": \"\"}", null).expectStatus().isBadRequest();
		String metrics = this.http.get()
			.uri("/actuator/prometheus")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		assertThat(metrics).contains("gateway_intake_total{channel=\"portal\",outcome=\"accepted\"")
			.contains("gateway_intake_total{channel=\"portal\",outcome=\"rejected\"");
	}

	@Test
	void aCaseARefusingPlatformDeadLetteredIsDeliveredOnceAnOperatorReplaysIt() {
		PLATFORMS.resetAll();
		PLATFORMS.stubFor(WireMock.post(WireMock.urlPathMatching("/platforms/.+/cases"))
			.willReturn(WireMock.aResponse().withStatus(422).withBody("unknown grid")));
		String caseNumber = acceptedCaseNumber(postReport("""
				{"text": "烧烤油烟呛人%s", "location": {"lon": 116.411522, "lat": 39.914483, "crs": "gcj02"}}"""
			.formatted(UUID.randomUUID()), null));
		// every platform refuses: the case is routed on after each refusal (a 回退) until
		// district triage refuses too, and that forward is dead-lettered
		await().atMost(Duration.ofSeconds(20))
			.until(() -> this.jdbc.sql("""
					select o.state from forward_outbox o join report_case c on c.id = o.case_id
					where c.case_number = ? order by o.id desc limit 1""")
				.param(caseNumber)
				.query(String.class)
				.single(), "DEAD"::equals);

		this.http.get().uri("/api/v1/admin/outboxes").exchange().expectStatus().isUnauthorized();
		this.http.get()
			.uri("/api/v1/admin/outboxes")
			.header("Authorization", "Bearer guessed-token-guessed")
			.exchange()
			.expectStatus()
			.isForbidden();
		this.http.get()
			.uri("/api/v1/admin/outboxes")
			.header("Authorization", "Bearer " + ADMIN_TOKEN)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.forward.dead")
			.value((dead) -> assertThat(((Number) dead).intValue()).isPositive());

		platformsBookEveryCase();
		this.http.post()
			.uri("/api/v1/admin/outboxes/forward/replay")
			.header("Authorization", "Bearer " + ADMIN_TOKEN)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.replayed")
			.value((replayed) -> assertThat(((Number) replayed).intValue()).isPositive());
		await().atMost(Duration.ofSeconds(20))
			.until(() -> this.jdbc.sql("select status from report_case where case_number = ?")
				.param(caseNumber)
				.query(String.class)
				.single(), "FORWARDED"::equals);
	}

}
