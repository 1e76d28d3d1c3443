package org.gridintake.adapters.testing;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;

/**
 * The real PostgreSQL and Redis servers the tests talk to (tests never mock them). Each
 * is started on first use and shared by every test of the JVM, and stopped when the JVM
 * exits. With a Docker engine they run in Testcontainers ({@code postgres:17-alpine},
 * {@code redis:7-alpine}); without one, or with the system property
 * {@value #EMBEDDED_PROPERTY}{@code =true}, they are the embedded servers of
 * {@code org.gridintake.adapters.devservers}, which need nothing but the JDK.
 * <p>
 * A test class that wants data of its own asks for a database of its own
 * ({@link TestPostgres#createDatabase}) or flushes Redis ({@link TestRedis#flushAll()}).
 * Tests that stop a server must start it again before they end.
 */
public final class TestServers {

	/** Set to {@code true} to use the embedded servers even where Docker is available. */
	public static final String EMBEDDED_PROPERTY = "gridintake.tests.embedded";

	private static final Logger log = LoggerFactory.getLogger(TestServers.class);

	private static Boolean containers;

	private static TestPostgres postgres;

	private static TestRedis redis;

	private TestServers() {
	}

	public static synchronized TestPostgres postgres() {
		if (postgres == null) {
			if (useContainers()) {
				ContainerTestPostgres started = ContainerTestPostgres.launch();
				stopAtExit("postgres", started::close);
				postgres = started;
			}
			else {
				// The embedded server stops itself at exit.
				postgres = EmbeddedTestPostgres.launch();
			}
		}
		return postgres;
	}

	public static synchronized TestRedis redis() {
		if (redis == null) {
			if (useContainers()) {
				ContainerTestRedis started = ContainerTestRedis.launch();
				stopAtExit("redis", started::close);
				redis = started;
			}
			else {
				redis = EmbeddedTestRedis.launch();
			}
		}
		return redis;
	}

	/** Whether the servers run in Testcontainers rather than embedded. */
	public static synchronized boolean usesContainers() {
		return useContainers();
	}

	private static boolean useContainers() {
		if (containers == null) {
			String reason;
			if (Boolean.getBoolean(EMBEDDED_PROPERTY)) {
				containers = false;
				reason = "system property " + EMBEDDED_PROPERTY + "=true";
			}
			else if (!onClassPath("org.testcontainers.DockerClientFactory")) {
				containers = false;
				reason = "Testcontainers is not on the class path";
			}
			else if (Docker.available()) {
				containers = true;
				reason = "a Docker engine is available";
			}
			else {
				containers = false;
				reason = "no Docker engine found";
			}
			log.info("Test servers: {}, because {}", containers ? "Testcontainers postgres:17-alpine and redis:7-alpine"
					: "embedded PostgreSQL and Redis", reason);
		}
		return containers;
	}

	private static boolean onClassPath(String className) {
		try {
			Class.forName(className, false, TestServers.class.getClassLoader());
			return true;
		}
		catch (ClassNotFoundException | LinkageError ex) {
			return false;
		}
	}

	private static void stopAtExit(String name, Runnable stop) {
		Runtime.getRuntime().addShutdownHook(new Thread(stop, "test-" + name + "-stop"));
	}

	/** Loaded only once Testcontainers is known to be on the class path. */
	private static final class Docker {

		static boolean available() {
			try {
				return DockerClientFactory.instance().isDockerAvailable();
			}
			catch (RuntimeException | LinkageError ex) {
				log.debug("Docker probe failed", ex);
				return false;
			}
		}

	}

}
