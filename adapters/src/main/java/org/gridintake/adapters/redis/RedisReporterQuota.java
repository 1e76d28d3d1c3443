package org.gridintake.adapters.redis;

import java.time.Duration;
import java.time.Instant;

import io.lettuce.core.RedisClient;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;

import org.gridintake.routes.casedraft.Mobile;
import org.gridintake.routes.intake.ReporterQuota;

/**
 * One counter per number and window, {@code gi:quota:<digits>:<window start>}, counted
 * and given its expiry in one script, so no crash between the two leaves a counter that
 * never expires.
 */
class RedisReporterQuota implements ReporterQuota {

	private static final String COUNT = """
			local n = redis.call('INCR', KEYS[1])
			if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
			return n""";

	private final RedisClient client;

	private StatefulRedisConnection<String, String> connection;

	RedisReporterQuota(RedisClient client) {
		this.client = client;
	}

	@Override
	public long countOneMore(Mobile mobile, Instant windowStart, Duration window) {
		String key = "gi:quota:" + mobile.digits() + ":" + windowStart.getEpochSecond();
		// the counter outlives its window a little, so a clock a few seconds off between
		// instances still finds it
		Long count = connection().sync()
			.eval(COUNT, ScriptOutputType.INTEGER, new String[] { key },
					Long.toString(window.plusMinutes(1).toMillis()));
		return count;
	}

	private synchronized StatefulRedisConnection<String, String> connection() {
		if (this.connection == null || !this.connection.isOpen()) {
			this.connection = this.client.connect();
		}
		return this.connection;
	}

}
