package org.gridintake.adapters.devservers;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import org.gridintake.adapters.testing.TestPostgres;
import org.gridintake.adapters.testing.TestRedis;
import org.gridintake.adapters.testing.TestServers;
import org.junit.jupiter.api.Test;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The shared test servers, whichever kind this machine gets.
 */
class TestServersTest {

	private static final String ADDRESS = "和平路12号井盖缺失";

	@Test
	void postgresIsSharedAndGivesFreshDatabasesThatSurviveARestart() throws SQLException {
		TestPostgres postgres = TestServers.postgres();
		assertThat(TestServers.postgres()).isSameAs(postgres);
		String url = postgres.createDatabase("test_servers_test");
		try (Connection connection = connect(postgres, url); Statement statement = connection.createStatement()) {
			statement.execute("CREATE TABLE kept (address text)");
			statement.execute("INSERT INTO kept VALUES ('" + ADDRESS + "')");
		}
		postgres.stop();
		try {
			assertThatExceptionOfType(SQLException.class).isThrownBy(() -> connect(postgres, url).close());
		}
		finally {
			postgres.start();
		}
		try (Connection connection = connect(postgres, url);
				Statement statement = connection.createStatement();
				ResultSet row = statement.executeQuery("SELECT address FROM kept")) {
			assertThat(row.next()).isTrue();
			assertThat(row.getString(1)).isEqualTo(ADDRESS);
		}
		// Asking again starts over empty.
		String again = postgres.createDatabase("test_servers_test");
		try (Connection connection = connect(postgres, again);
				Statement statement = connection.createStatement();
				ResultSet row = statement
					.executeQuery("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'")) {
			assertThat(row.next()).isTrue();
			assertThat(row.getInt(1)).isZero();
		}
	}

	@Test
	void redisIsSharedFlushesAndComesBackAfterAStop() {
		TestRedis redis = TestServers.redis();
		assertThat(TestServers.redis()).isSameAs(redis);
		RedisClient client = RedisClient.create(redis.uri());
		try {
			try (StatefulRedisConnection<String, String> connection = client.connect()) {
				connection.sync().set("test-servers", ADDRESS);
				redis.flushAll();
				assertThat(connection.sync().get("test-servers")).isNull();
			}
			redis.stop();
			try {
				assertThatExceptionOfType(RuntimeException.class).isThrownBy(() -> client.connect().close());
			}
			finally {
				redis.start();
			}
			await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
				try (StatefulRedisConnection<String, String> connection = client.connect()) {
					assertThat(connection.sync().ping()).isEqualTo("PONG");
				}
			});
		}
		finally {
			client.shutdown();
		}
	}

	private static Connection connect(TestPostgres postgres, String url) throws SQLException {
		return DriverManager.getConnection(url, postgres.username(), postgres.password());
	}

}
