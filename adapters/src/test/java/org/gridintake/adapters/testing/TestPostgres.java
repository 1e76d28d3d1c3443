package org.gridintake.adapters.testing;

/**
 * The PostgreSQL server shared by the tests of one JVM; see
 * {@link TestServers#postgres()}. It is a superuser account on a server the tests own.
 */
public interface TestPostgres {

	/** The JDBC URL of the shared {@code gridintake} database. */
	String jdbcUrl();

	String username();

	String password();

	/**
	 * Gives a test class a database of its own: drops {@code name} if it exists (ending
	 * its sessions) and creates it empty.
	 * @param name a plain identifier: letters, digits and underscores
	 * @return the JDBC URL of the new database
	 */
	String createDatabase(String name);

	/**
	 * A database of the test class's own ({@link #createDatabase}) with the gateway's
	 * schema migrated in, and a small pool to it; the caller closes the pool.
	 */
	default com.zaxxer.hikari.HikariDataSource migratedDatabase(String name) {
		com.zaxxer.hikari.HikariDataSource dataSource = new com.zaxxer.hikari.HikariDataSource();
		dataSource.setJdbcUrl(createDatabase(name));
		dataSource.setUsername(username());
		dataSource.setPassword(password());
		dataSource.setMaximumPoolSize(8);
		org.flywaydb.core.Flyway.configure()
			.dataSource(dataSource)
			.locations("classpath:db/migration")
			.load()
			.migrate();
		return dataSource;
	}

	/**
	 * Stops the server, for tests of behaviour while the database is down. Connections
	 * are refused until {@link #start()}.
	 */
	void stop();

	/** Starts the server again at the same address, with the same data. */
	void start();

}
