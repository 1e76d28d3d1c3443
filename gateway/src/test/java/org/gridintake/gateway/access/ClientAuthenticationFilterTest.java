package org.gridintake.gateway.access;

import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.gridintake.gateway.config.AccessProperties;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.util.unit.DataSize;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

/** The access rules on their own, in front of an endpoint that only counts its calls. */
class ClientAuthenticationFilterTest {

	private static final String PORTAL_KEY = "portal-key-for-this-test-000001";

	private static final String SLOW_KEY = "slow-portal-key-for-this-test-01";

	private final CountingEndpoint endpoint = new CountingEndpoint();

	private final WebTestClient http = WebTestClient.bindToController(this.endpoint)
		.webFilter(new ClientAuthenticationFilter(
				new AccessProperties(
						List.of(new AccessProperties.Client("portal", ClientRole.PORTAL, PORTAL_KEY, 1000, 1000),
								new AccessProperties.Client("slow-portal", ClientRole.PORTAL, SLOW_KEY, 0.001, 2),
								new AccessProperties.Client("field-app", ClientRole.FIELD_APP, "", 10, 10)),
						10, Duration.ofHours(1), DataSize.ofKilobytes(1), true),
				new ObjectMapper(), new SimpleMeterRegistry()))
		.build();

	private WebTestClient.ResponseSpec post(String key, String body) {
		return this.http.post().uri("/api/v1/reports").headers((headers) -> {
			if (key != null) {
				headers.setBearerAuth(key);
			}
		}).bodyValue(body).exchange();
	}

	@Test
	void aClientOverItsRateIsToldWhenToComeBackAndOthersAreNotSlowed() {
		post(SLOW_KEY, "{}").expectStatus().isOk();
		post(SLOW_KEY, "{}").expectStatus().isOk();
		post(SLOW_KEY, "{}").expectStatus()
			.isEqualTo(429)
			.expectHeader()
			.value(HttpHeaders.RETRY_AFTER, (seconds) -> assertThat(Long.parseLong(seconds)).isPositive());
		post(PORTAL_KEY, "{}").expectStatus().isOk();
		assertThat(this.endpoint.calls).isEqualTo(3);
	}

	@Test
	void aBodyDeclaredLargerThanTheLimitIsRefusedBeforeItIsRead() {
		post(PORTAL_KEY, "x".repeat(2048)).expectStatus()
			.isEqualTo(413)
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("body");
		assertThat(this.endpoint.calls).isZero();
	}

	@Test
	void aClientWithoutAKeyIsDisabledRatherThanOpen() {
		post("", "{}").expectStatus().isUnauthorized();
		this.http.post()
			.uri("/api/v1/field/batches")
			.header("X-Api-Key", "anything-at-all-long-enough-0001")
			.exchange()
			.expectStatus()
			.isForbidden();
		assertThat(this.endpoint.calls).isZero();
	}

	@RestController
	static class CountingEndpoint {

		int calls;

		@PostMapping({ "/api/v1/reports", "/api/v1/field/batches" })
		String take(@RequestBody(required = false) String body) {
			this.calls++;
			return "ok";
		}

	}

}
