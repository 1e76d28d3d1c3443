package org.gridintake.adapters.devservers;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class EmbeddedPostgresTest {

	private static final String ADDRESS = "和平路12号井盖缺失";

	private static EmbeddedPostgres postgres;

	@BeforeAll
	static void start() {
		postgres = EmbeddedPostgres.start(null, 0);
	}

	@AfterAll
	static void close() {
		postgres.close();
	}

	@Test
	void jdbcUrlPointsAtAUtf8GridintakeDatabaseOnLoopback() throws SQLException {
		assertThat(postgres.jdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:" + postgres.port() + "/gridintake");
		try (Connection connection = connect(postgres.jdbcUrl()); Statement statement = connection.createStatement()) {
			assertThat(single(statement, "SELECT current_database()")).isEqualTo("gridintake");
			assertThat(single(statement, "SHOW server_encoding")).isEqualTo("UTF8");
			assertThat(single(statement, "SHOW listen_addresses")).isEqualTo("127.0.0.1");
		}
	}

	@Test
	void chineseTextRoundTripsByteExact() throws SQLException {
		try (Connection connection = connect(postgres.jdbcUrl())) {
			try (Statement statement = connection.createStatement()) {
				statement.execute("CREATE TABLE round_trip (id int PRIMARY KEY, address text NOT NULL)");
			}
			try (PreparedStatement insert = connection.prepareStatement("INSERT INTO round_trip VALUES (1, ?)")) {
				insert.setString(1, ADDRESS);
				insert.executeUpdate();
			}
			try (Statement statement = connection.createStatement();
					ResultSet row = statement
						.executeQuery("SELECT address, convert_to(address, 'UTF8') FROM round_trip WHERE id = 1")) {
				assertThat(row.next()).isTrue();
				assertThat(row.getString(1)).isEqualTo(ADDRESS);
				assertThat(row.getBytes(2)).isEqualTo(ADDRESS.getBytes(StandardCharsets.UTF_8));
			}
		}
	}

	@Test
	void createDatabaseGivesAnEmptyDatabaseAndMayBeRepeated() throws SQLException {
		try (Connection connection = connect(postgres.jdbcUrl()); Statement statement = connection.createStatement()) {
			statement.execute("CREATE TABLE not_elsewhere (id int)");
		}
		postgres.createDatabase("isolated_one");
		postgres.createDatabase("isolated_one");
		try (Connection connection = connect(postgres.jdbcUrlFor("isolated_one"));
				Statement statement = connection.createStatement()) {
			assertThat(single(statement, "SELECT current_database()")).isEqualTo("isolated_one");
			assertThat(
					single(statement, "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'"))
				.isEqualTo("0");
		}
	}

	@Test
	void createDatabaseRejectsNamesThatAreNotPlainIdentifiers() {
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> postgres.createDatabase("x\"; DROP DATABASE postgres; --"));
	}

	@Test
	void stopRefusesConnectionsAndRestartBringsTheSameDataBackOnTheSamePort() throws SQLException {
		try (Connection connection = connect(postgres.jdbcUrl()); Statement statement = connection.createStatement()) {
			statement.execute("CREATE TABLE survives (address text)");
			statement.execute("INSERT INTO survives VALUES ('" + ADDRESS + "')");
		}
		int port = postgres.port();
		postgres.stop();
		try {
			assertThat(postgres.isRunning()).isFalse();
			assertThatExceptionOfType(SQLException.class).isThrownBy(() -> connect(postgres.jdbcUrl()).close());
		}
		finally {
			postgres.restart();
		}
		assertThat(postgres.port()).isEqualTo(port);
		try (Connection connection = connect(postgres.jdbcUrl()); Statement statement = connection.createStatement()) {
			assertThat(single(statement, "SELECT address FROM survives")).isEqualTo(ADDRESS);
		}
	}

	@Test
	void aDataDirectoryKeepsItsDataAcrossServers(@TempDir Path temp) throws SQLException {
		Path data = temp.resolve("pgdata");
		try (EmbeddedPostgres first = EmbeddedPostgres.start(data, 0)) {
			try (Connection connection = connect(first.jdbcUrl()); Statement statement = connection.createStatement()) {
				statement.execute("CREATE TABLE kept (address text)");
				statement.execute("INSERT INTO kept VALUES ('" + ADDRESS + "')");
			}
		}
		assertThat(data.resolve("PG_VERSION")).exists();
		try (EmbeddedPostgres second = EmbeddedPostgres.start(data, 0)) {
			try (Connection connection = connect(second.jdbcUrl());
					Statement statement = connection.createStatement()) {
				assertThat(single(statement, "SELECT address FROM kept")).isEqualTo(ADDRESS);
			}
		}
	}

	@Test
	void aPortInUseFailsClearly() throws Exception {
		try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
			assertThatIllegalStateException().isThrownBy(() -> EmbeddedPostgres.start(null, taken.getLocalPort()))
				.withMessageContaining("already in use");
		}
	}

	@Test
	void aSecondServerOnTheSamePortFailsClearly() {
		assertThatIllegalStateException().isThrownBy(() -> EmbeddedPostgres.start(null, postgres.port()))
			.withMessageContaining("127.0.0.1:" + postgres.port())
			.withMessageContaining("already in use");
	}

	private static Connection connect(String url) throws SQLException {
		Properties properties = new Properties();
		properties.setProperty("user", postgres.username());
		properties.setProperty("password", postgres.password());
		properties.setProperty("connectTimeout", "5");
		return DriverManager.getConnection(url, properties);
	}

	private static String single(Statement statement, String query) throws SQLException {
		try (ResultSet row = statement.executeQuery(query)) {
			assertThat(row.next()).isTrue();
			return row.getString(1);
		}
	}

}
