package org.gridintake.adapters.devservers;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisException;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

class EmbeddedRedisTest {

	private static final String ADDRESS = "和平路12号井盖缺失";

	private EmbeddedRedis redis;

	private RedisClient client;

	@BeforeEach
	void start() {
		this.redis = EmbeddedRedis.start(0);
		this.client = RedisClient.create(this.redis.uri());
		// Fail at once while the server is down, instead of queueing until it returns.
		this.client.setOptions(ClientOptions.builder()
			.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
			.build());
		this.client.setDefaultTimeout(Duration.ofSeconds(5));
	}

	@AfterEach
	void close() {
		this.client.shutdown();
		this.redis.close();
	}

	@Test
	void uriIsLoopbackWithThePort() {
		assertThat(this.redis.uri()).isEqualTo("redis://127.0.0.1:" + this.redis.port());
	}

	@Test
	void chineseValuesRoundTrip() {
		try (StatefulRedisConnection<String, String> connection = this.client.connect()) {
			RedisCommands<String, String> redis = connection.sync();
			redis.set("case:1:address", ADDRESS);
			assertThat(redis.get("case:1:address")).isEqualTo(ADDRESS);
			assertThat(redis.configGet("maxmemory-policy")).containsEntry("maxmemory-policy", "noeviction");
			assertThat(redis.configGet("save")).containsEntry("save", "");
			assertThat(redis.configGet("appendonly")).containsEntry("appendonly", "no");
		}
	}

	@Test
	void stopMakesCommandsFailAndRestartServesAgainOnTheSamePort() {
		int port = this.redis.port();
		try (StatefulRedisConnection<String, String> connection = this.client.connect()) {
			RedisCommands<String, String> commands = connection.sync();
			assertThat(commands.ping()).isEqualTo("PONG");
			this.redis.stop();
			assertThat(this.redis.isRunning()).isFalse();
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThatExceptionOfType(RedisException.class).isThrownBy(commands::ping));
			assertThatExceptionOfType(RedisConnectionException.class).isThrownBy(() -> this.client.connect());

			this.redis.restart();
			assertThat(this.redis.port()).isEqualTo(port);
			await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> "PONG".equals(commands.ping()));
			commands.set("after-restart", ADDRESS);
			assertThat(commands.get("after-restart")).isEqualTo(ADDRESS);
		}
	}

	@Test
	void aPortInUseFailsClearly() throws Exception {
		try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
			assertThatIllegalStateException().isThrownBy(() -> EmbeddedRedis.start(taken.getLocalPort()))
				.withMessageContaining("already in use");
		}
	}

}
