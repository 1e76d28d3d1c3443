package org.gridintake.adapters.testing;

import java.io.IOException;

import org.testcontainers.containers.Container.ExecResult;
import org.testcontainers.containers.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * PostgreSQL in a {@code postgres:17-alpine} container.
 * <p>
 * {@link #stop()} and {@link #start()} stop and start the server process with pg_ctl
 * inside the container, which keeps running: stopping the container would give up its
 * mapped port, and the URLs the tests hold would point nowhere. For that the container's
 * main process is a shell that outlives the server, with the image's entrypoint (which
 * creates the cluster, user and database) started beside it. Limitation: after a restart,
 * the server logs to /tmp/postgresql-restart.log inside the container instead of to the
 * container log.
 */
final class ContainerTestPostgres implements TestPostgres {

	private static final String IMAGE = "postgres:17-alpine";

	private static final int PORT = 5432;

	private static final String USER = "postgres";

	private final PostgreSQLContainer<?> container;

	private ContainerTestPostgres(PostgreSQLContainer<?> container) {
		this.container = container;
	}

	static ContainerTestPostgres launch() {
		PostgreSQLContainer<?> container = new PostgreSQLContainer<>(DockerImageName.parse(IMAGE))
			.withDatabaseName("gridintake")
			.withUsername(USER)
			.withPassword(USER)
			.withCommand("sh", "-c", "docker-entrypoint.sh postgres -c fsync=off & exec tail -f /dev/null");
		container.start();
		return new ContainerTestPostgres(container);
	}

	@Override
	public String jdbcUrl() {
		return this.container.getJdbcUrl();
	}

	@Override
	public String username() {
		return this.container.getUsername();
	}

	@Override
	public String password() {
		return this.container.getPassword();
	}

	@Override
	public String createDatabase(String name) {
		TestDatabases.recreate(urlOf("postgres"), username(), password(), name);
		return urlOf(name);
	}

	@Override
	public void stop() {
		if (serverRuns()) {
			pgCtl("stop", "exec pg_ctl stop -D \"$PGDATA\" -m fast -w -t 60");
		}
	}

	@Override
	public void start() {
		if (!serverRuns()) {
			pgCtl("start",
					"exec pg_ctl start -D \"$PGDATA\" -w -t 60 -l /tmp/postgresql-restart.log -o \"-c fsync=off\"");
		}
	}

	void close() {
		this.container.stop();
	}

	private boolean serverRuns() {
		return pgCtl(null, "exec pg_ctl status -D \"$PGDATA\"").getExitCode() == 0;
	}

	private String urlOf(String database) {
		return "jdbc:postgresql://" + this.container.getHost() + ":" + this.container.getMappedPort(PORT) + "/"
				+ database;
	}

	/**
	 * Runs pg_ctl as the image's postgres user (pg_ctl refuses root), through a shell so
	 * that the image's PGDATA applies.
	 */
	private ExecResult pgCtl(String action, String script) {
		try {
			ExecResult result = this.container.execInContainerWithUser(USER, "sh", "-c", script);
			if (action != null && result.getExitCode() != 0) {
				throw new IllegalStateException("pg_ctl " + action + " failed in the PostgreSQL container: "
						+ result.getStdout() + result.getStderr());
			}
			return result;
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not run pg_ctl in the PostgreSQL container", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while running pg_ctl in the PostgreSQL container", ex);
		}
	}

}
