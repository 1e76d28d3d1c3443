package org.gridintake.gateway;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.gridintake.adapters.testing.TestServers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What residents and clients see while a server the gateway depends on is down: Redis
 * down costs nothing visible; PostgreSQL down means "retry later" and never an answer for
 * a report that was not kept.
 */
class OutageTest extends GatewayIntegrationTest {

	private static final String REPORT = """
			{"text": "%s", "location": {"lon": 116.411522, "lat": 39.914483, "crs": "gcj02"}, "mobile": "13500135000"}""";

	@Test
	void withRedisDownReportsAreStillAcceptedOnceEach() {
		String text = "垃圾堆了三天没人清。" + UUID.randomUUID();
		String key = "redis-down-" + UUID.randomUUID();
		TestServers.redis().stop();
		try {
			String first = acceptedCaseNumber(postReport(REPORT.formatted(text), key));
			String retry = acceptedCaseNumber(postReport(REPORT.formatted(text), key));
			assertThat(retry).isEqualTo(first);
			assertThat(casesWithText(text)).isEqualTo(1);
		}
		finally {
			TestServers.redis().start();
		}
	}

	@Test
	void withPostgresDownNothingIsAcknowledgedAndTheRetrySucceedsWhenItIsBack() {
		String text = "井盖丢了一个，很危险。" + UUID.randomUUID();
		String key = "pg-down-" + UUID.randomUUID();
		TestServers.postgres().stop();
		try {
			postReport(REPORT.formatted(text), key).expectStatus()
				.isEqualTo(503)
				.expectHeader()
				.exists("Retry-After")
				.expectBody()
				.jsonPath("$.errors[0].message")
				.value((message) -> assertThat((String) message).contains("retry with the same key"));
		}
		finally {
			TestServers.postgres().start();
		}
		String caseNumber = await().atMost(Duration.ofSeconds(30))
			.ignoreExceptions()
			.until(() -> acceptedCaseNumber(postReport(REPORT.formatted(text), key)), (number) -> number != null);
		assertThat(casesWithText(text)).isEqualTo(1);
		await().atMost(Duration.ofSeconds(20))
			.until(() -> this.jdbc.sql("select status from report_case where case_number = ?")
				.param(caseNumber)
				.query(String.class)
				.single(), "FORWARDED"::equals);
	}

}
