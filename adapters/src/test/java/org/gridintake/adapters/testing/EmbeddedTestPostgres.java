package org.gridintake.adapters.testing;

import org.gridintake.adapters.devservers.EmbeddedPostgres;

/**
 * The embedded PostgreSQL as a test server: a temporary cluster on a free port.
 */
final class EmbeddedTestPostgres implements TestPostgres {

	private final EmbeddedPostgres server;

	private EmbeddedTestPostgres(EmbeddedPostgres server) {
		this.server = server;
	}

	static EmbeddedTestPostgres launch() {
		return new EmbeddedTestPostgres(EmbeddedPostgres.start(null, 0));
	}

	@Override
	public String jdbcUrl() {
		return this.server.jdbcUrl();
	}

	@Override
	public String username() {
		return this.server.username();
	}

	@Override
	public String password() {
		return this.server.password();
	}

	@Override
	public String createDatabase(String name) {
		TestDatabases.recreate(this.server.jdbcUrlFor("postgres"), username(), password(), name);
		return this.server.jdbcUrlFor(name);
	}

	@Override
	public void stop() {
		this.server.stop();
	}

	@Override
	public void start() {
		if (!this.server.isRunning()) {
			this.server.restart();
		}
	}

}
