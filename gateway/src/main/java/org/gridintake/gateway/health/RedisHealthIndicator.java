package org.gridintake.gateway.health;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Whether Redis answers. Reported as degraded rather than down: intake goes on without
 * it, with the database guarding against duplicates.
 */
@Component("redis")
class RedisHealthIndicator implements HealthIndicator {

	private final RedisClient redis;

	RedisHealthIndicator(RedisClient redis) {
		this.redis = redis;
	}

	@Override
	public Health health() {
		try (StatefulRedisConnection<String, String> connection = this.redis.connect()) {
			return Health.up().withDetail("ping", connection.sync().ping()).build();
		}
		catch (RuntimeException ex) {
			return Health.status("DEGRADED").withDetail("error", String.valueOf(ex.getMessage())).build();
		}
	}

}
