package org.gridintake.gateway;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The figures the city asks for, through the admin API and Prometheus, after a real
 * journey: a portal report forwarded to the street platform, accepted and closed.
 */
class FiguresApiTest extends GatewayIntegrationTest {

	private static final String STREETS = "qh-streets";

	@Test
	void aCaseClosedByItsPlatformShowsInThatPlatformsFigures() {
		// earlier tests' cases still on their way to a platform would count between the
		// two readings; one claimed just as an earlier test took the database down is
		// tried again only when its lease (gateway.forward.lease, 60 s) runs out
		await().atMost(Duration.ofSeconds(90))
			.until(() -> this.jdbc.sql("""
					select count(*) from forward_outbox
					where state = 'PENDING' and kind = 'CASE' and next_attempt_at < now() + interval '1 minute'""")
				.query(Integer.class)
				.single() == 0);
		Map<String, Object> before = platformRow(figures("?by=platform"), STREETS);

		String caseNumber = closedSmokeCase();

		Map<String, Object> body = figures("");
		assertThat(body.get("by")).isEqualTo("platform");
		assertThat((Map<String, Object>) body.get("period")).containsEntry("zone", "Asia/Shanghai")
			.containsKeys("from", "to");
		Map<String, Object> after = platformRow(body, STREETS);
		assertThat(after).containsEntry("name", "青河区街道网格化管理平台");
		for (String stage : List.of("received", "located", "forwarded", "accepted", "closed")) {
			assertThat(number(after, stage)).as(stage).isEqualTo(number(before, stage) + 1);
		}
		assertThat(number(after, "merged")).isEqualTo(number(before, "merged"));
		assertThat(after.get("closure_rate")).isNotNull();
		assertThat(after.get("on_time_acceptance_rate")).isNotNull();
		assertThat((Map<String, Object>) after.get("time_to_accept")).containsKeys("median_minutes", "p90_minutes");
		assertThat((Map<String, Object>) after.get("time_to_close")).containsKeys("median_minutes", "p90_minutes");
		assertThat((Map<String, Object>) after.get("satisfaction")).containsKeys("ratings", "satisfied_rate",
				"dissatisfied");
		assertThat(after).containsKeys("returns", "escalations", "on_time_resolution_rate");
		Map<String, Object> total = (Map<String, Object>) body.get("total");
		assertThat(total).containsEntry("name", "合计");
		assertThat(number(total, "received")).isGreaterThanOrEqualTo(number(after, "received"));

		Map<String, Object> street = platformRow(figures("?by=street"), "110199005");
		assertThat((String) street.get("name")).isNotBlank().doesNotContain("?");
		assertThat(number(street, "closed")).isPositive();
		assertThat(caseNumber).isNotNull();
	}

	@Test
	void prometheusShowsThePlatformAndStreetFigures() {
		closedSmokeCase();
		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> assertThat(prometheus())
				.containsPattern("gridintake_cases\\{platform=\"qh-streets\",stage=\"closed\"} [1-9]")
				.contains("gridintake_cases{platform=\"qh-streets\",stage=\"received\"}")
				.contains("gridintake_closure_ratio{platform=\"qh-streets\"}")
				.contains("gridintake_on_time_acceptance_ratio{platform=\"qh-streets\"}")
				.contains("gridintake_time_to_accept_seconds{platform=\"qh-streets\",quantile=\"0.5\"}")
				.contains("gridintake_time_to_accept_seconds{platform=\"qh-streets\",quantile=\"0.9\"}")
				.contains("gridintake_time_to_close_seconds{platform=\"qh-streets\",quantile=\"0.9\"}")
				.contains("gridintake_returns{platform=\"qh-streets\"}")
				.contains("gridintake_escalations{platform=\"qh-streets\"}")
				.containsPattern("gridintake_street_cases\\{stage=\"closed\",street=\"110199005\"} [1-9]"));
	}

	@Test
	void onlyTheAdminGetsTheFiguresAndBadParametersAreNamed() {
		this.http.get().uri("/api/v1/admin/figures").exchange().expectStatus().isUnauthorized();
		this.http.get()
			.uri("/api/v1/admin/figures")
			.header("Authorization", "Bearer " + CLIENT_KEYS.get("console"))
			.exchange()
			.expectStatus()
			.isForbidden();
		badRequest("?from=2025-02-30&by=grid").jsonPath("$.errors[*].field")
			.value((fields) -> assertThat((List<Object>) fields).containsExactlyInAnyOrder("from", "by"));
		badRequest("?from=2025-03-10&to=2025-03-01").jsonPath("$.errors[0].field").isEqualTo("to");
		badRequest("?to=yesterday").jsonPath("$.errors[0].field").isEqualTo("to");
		badRequest("?from=2020-01-01&to=2025-01-01").jsonPath("$.errors[0].field").isEqualTo("from");
		this.http.get()
			.uri("/api/v1/admin/figures?from=2025-03-01&to=2025-03-31&by=community")
			.header("Authorization", "Bearer " + ADMIN_TOKEN)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.period.from")
			.isEqualTo("2025-03-01")
			.jsonPath("$.period.to")
			.isEqualTo("2025-03-31")
			.jsonPath("$.by")
			.isEqualTo("community");
	}

	private String closedSmokeCase() {
		String caseNumber = acceptedCaseNumber(postReport("""
				{"text": "饭馆油烟直排熏得受不了。%s",
				 "location": {"lon": 116.411522, "lat": 39.914483, "crs": "gcj02"}, "mobile": "13700137000"}"""
			.formatted(UUID.randomUUID()), null));
		await().atMost(Duration.ofSeconds(20)).until(() -> "FORWARDED".equals(status(caseNumber)));
		for (String status : List.of("ACCEPTED", "CLOSED")) {
			postStatus(STREETS, """
					{"case_number": "%s", "status": "%s", "note": "已处理"}""".formatted(caseNumber, status),
					PLATFORM_SECRET)
				.expectStatus()
				.isOk();
		}
		assertThat(status(caseNumber)).isEqualTo("CLOSED");
		return caseNumber;
	}

	private String status(String caseNumber) {
		return this.jdbc.sql("select status from report_case where case_number = ?")
			.param(caseNumber)
			.query(String.class)
			.single();
	}

	private org.springframework.test.web.reactive.server.WebTestClient.BodyContentSpec badRequest(String query) {
		return this.http.get()
			.uri("/api/v1/admin/figures" + query)
			.header("Authorization", "Bearer " + ADMIN_TOKEN)
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody();
	}

	private Map<String, Object> figures(String query) {
		return this.http.get()
			.uri("/api/v1/admin/figures" + query)
			.header("Authorization", "Bearer " + ADMIN_TOKEN)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(Map.class)
			.returnResult()
			.getResponseBody();
	}

	private String prometheus() {
		return this.http.get()
			.uri("/actuator/prometheus")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
	}

	private static Map<String, Object> platformRow(Map<String, Object> figures, String key) {
		return ((List<Map<String, Object>>) figures.get("rows")).stream()
			.filter((row) -> key.equals(row.get("key")))
			.findFirst()
			.orElse(Map.of());
	}

	private static long number(Map<String, Object> row, String field) {
		Object value = row.get(field);
		return (value != null) ? ((Number) value).longValue() : 0;
	}

}
