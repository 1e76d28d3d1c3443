package org.gridintake.adapters.redis;

import java.time.Duration;
import java.time.Instant;

import io.lettuce.core.RedisClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.gridintake.adapters.testing.TestServers;
import org.gridintake.routes.casedraft.Mobile;
import org.gridintake.routes.intake.ReporterQuota;

import static org.assertj.core.api.Assertions.assertThat;

/** Reports per number counted in a real Redis, as every gateway instance shares them. */
class RedisReporterQuotaTest {

	private static RedisClient client;

	private static ReporterQuota quota;

	@BeforeAll
	static void connect() {
		client = RedisAdapters.client(TestServers.redis().uri(), Duration.ofMillis(500));
		quota = RedisAdapters.reporterQuota(client);
	}

	@AfterAll
	static void close() {
		client.shutdown();
	}

	@Test
	void countsPerNumberAndWindowAndForgetsOldWindows() {
		Mobile mobile = new Mobile("13700000001");
		Instant window = Instant.parse("2026-07-01T01:00:00Z");
		assertThat(quota.countOneMore(mobile, window, Duration.ofHours(1))).isEqualTo(1);
		assertThat(quota.countOneMore(mobile, window, Duration.ofHours(1))).isEqualTo(2);
		// a second instance shares the count
		ReporterQuota other = RedisAdapters.reporterQuota(client);
		assertThat(other.countOneMore(mobile, window, Duration.ofHours(1))).isEqualTo(3);
		assertThat(quota.countOneMore(new Mobile("13700000002"), window, Duration.ofHours(1))).isEqualTo(1);
		assertThat(quota.countOneMore(mobile, window.plus(Duration.ofHours(1)), Duration.ofHours(1))).isEqualTo(1);
		try (var connection = client.connect()) {
			long ttl = connection.sync().pttl("gi:quota:13700000001:" + window.getEpochSecond());
			assertThat(ttl).isPositive().isLessThanOrEqualTo(Duration.ofMinutes(61).toMillis());
		}
	}

}
