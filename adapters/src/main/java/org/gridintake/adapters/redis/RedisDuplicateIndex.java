package org.gridintake.adapters.redis;

import java.time.Duration;
import java.util.Optional;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;

import org.gridintake.routes.casedraft.CaseNumber;
import org.gridintake.routes.casedraft.Channel;
import org.gridintake.routes.casedraft.ChannelRef;
import org.gridintake.routes.dedup.DuplicateIndex;
import org.gridintake.routes.dedup.DuplicateIndexUnavailableException;

/**
 * Channel references in Redis as {@code gi:ref:<channel>:<kind>:<ref>} → case number,
 * each with its own time to live. Connects lazily, so the gateway starts and takes
 * reports while Redis is down.
 */
class RedisDuplicateIndex implements DuplicateIndex {

	private final RedisClient client;

	private StatefulRedisConnection<String, String> connection;

	RedisDuplicateIndex(RedisClient client) {
		this.client = client;
	}

	@Override
	public Optional<CaseNumber> find(Channel channel, ChannelRef ref) {
		try {
			return Optional.ofNullable(commands().get(key(channel, ref))).map(CaseNumber::new);
		}
		catch (RedisException ex) {
			throw new DuplicateIndexUnavailableException("Redis: " + ex.getMessage(), ex);
		}
	}

	@Override
	public void remember(Channel channel, ChannelRef ref, CaseNumber caseNumber, Duration ttl) {
		try {
			commands().set(key(channel, ref), caseNumber.value(), SetArgs.Builder.px(ttl.toMillis()));
		}
		catch (RedisException ex) {
			throw new DuplicateIndexUnavailableException("Redis: " + ex.getMessage(), ex);
		}
	}

	static String key(Channel channel, ChannelRef ref) {
		return "gi:ref:" + channel.code() + ":" + ref.kind().name().toLowerCase(java.util.Locale.ROOT) + ":"
				+ ref.value();
	}

	private synchronized RedisCommands<String, String> commands() {
		if (this.connection == null || !this.connection.isOpen()) {
			this.connection = this.client.connect();
		}
		return this.connection.sync();
	}

}
