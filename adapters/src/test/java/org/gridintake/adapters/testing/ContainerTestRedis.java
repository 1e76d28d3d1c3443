package org.gridintake.adapters.testing;

import java.io.IOException;
import java.time.Duration;

import org.awaitility.Awaitility;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

/**
 * Redis in a {@code redis:7-alpine} container, configured like the embedded one (nothing
 * persisted, no eviction).
 * <p>
 * {@link #stop()} and {@link #start()} stop and start redis-server inside the container,
 * which keeps running under a shell as its main process: stopping the container would
 * give up its mapped port. After a restart the server logs nowhere.
 */
final class ContainerTestRedis implements TestRedis {

	private static final String IMAGE = "redis:7-alpine";

	private static final int PORT = 6379;

	// The image's build turns protected mode off already; this does not rely on it.
	private static final String SERVER = "redis-server --save '' --appendonly no --maxmemory-policy noeviction "
			+ "--protected-mode no";

	private static final Duration WAIT = Duration.ofSeconds(30);

	private final GenericContainer<?> container;

	private ContainerTestRedis(GenericContainer<?> container) {
		this.container = container;
	}

	static ContainerTestRedis launch() {
		GenericContainer<?> container = new GenericContainer<>(DockerImageName.parse(IMAGE)).withExposedPorts(PORT)
			.withCommand("sh", "-c", SERVER + " & exec tail -f /dev/null")
			.waitingFor(Wait.forLogMessage(".*Ready to accept connections.*\\n", 1));
		container.start();
		return new ContainerTestRedis(container);
	}

	@Override
	public String uri() {
		return "redis://" + host() + ":" + port();
	}

	@Override
	public void stop() {
		exec("redis-cli", "shutdown", "nosave");
		Awaitility.await("Redis container stopped").atMost(WAIT).until(() -> !RedisWire.answersPing(host(), port()));
	}

	@Override
	public void start() {
		if (!RedisWire.answersPing(host(), port())) {
			exec("sh", "-c", SERVER + " --daemonize yes");
			Awaitility.await("Redis container started").atMost(WAIT).until(() -> RedisWire.answersPing(host(), port()));
		}
	}

	@Override
	public void flushAll() {
		RedisWire.flushAll(host(), port());
	}

	void close() {
		this.container.stop();
	}

	private String host() {
		return this.container.getHost();
	}

	private int port() {
		return this.container.getMappedPort(PORT);
	}

	private void exec(String... command) {
		try {
			this.container.execInContainer(command);
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not run " + command[0] + " in the Redis container", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while running " + command[0] + " in the Redis container", ex);
		}
	}

}
