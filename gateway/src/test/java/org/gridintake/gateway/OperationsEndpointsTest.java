package org.gridintake.gateway;

import java.time.Duration;
import java.util.UUID;

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

}
