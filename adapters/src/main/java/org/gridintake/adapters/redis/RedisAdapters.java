package org.gridintake.adapters.redis;

import java.time.Duration;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;

import org.gridintake.routes.dedup.DuplicateIndex;
import org.gridintake.routes.dedup.OpenCaseIndex;

/** The Redis side of the ports. */
public final class RedisAdapters {

	private RedisAdapters() {
	}

	/**
	 * A client that fails fast while Redis is away instead of queueing commands: callers
	 * fall back to PostgreSQL rather than wait.
	 */
	public static RedisClient client(String uri, Duration commandTimeout) {
		RedisClient client = RedisClient.create(RedisURI.create(uri));
		client.setOptions(ClientOptions.builder()
			.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
			.socketOptions(SocketOptions.builder().connectTimeout(commandTimeout).build())
			.build());
		client.setDefaultTimeout(commandTimeout);
		return client;
	}

	public static DuplicateIndex duplicateIndex(RedisClient client) {
		return new RedisDuplicateIndex(client);
	}

	/**
	 * Open master cases by category and position, shared by all instances, with area
	 * locks; connects on first use.
	 */
	public static OpenCaseIndex openCaseIndex(RedisClient client, OpenCaseIndexSettings settings) {
		return new RedisOpenCaseIndex(client, settings);
	}

	public static org.gridintake.routes.intake.ReporterQuota reporterQuota(RedisClient client) {
		return new RedisReporterQuota(client);
	}

}
