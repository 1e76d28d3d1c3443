package org.gridintake.adapters.devservers;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.embedded.RedisServer;
import redis.embedded.core.ExecutableProvider;
import redis.embedded.model.OsArchitecture;

/**
 * A real Redis server for the embedded default run mode and for tests on machines without
 * Docker, run from the redis-server binary shipped in codemonstur's embedded-redis
 * artifact. Only the binary is taken from that library: its {@code RedisServer} adds a
 * shutdown hook on every start and reads the server's output from two threads at once,
 * which loses the readiness line now and then.
 * <p>
 * The server listens on 127.0.0.1 only, keeps nothing on disk, and refuses writes rather
 * than evicting keys when full. The only global registration is a shutdown hook that
 * stops the server if {@link #close()} was not called.
 */
public final class EmbeddedRedis implements AutoCloseable {

	private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

	private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

	private static final Logger log = LoggerFactory.getLogger(EmbeddedRedis.class);

	private static Path executable;

	private final Path serverExecutable;

	private final Path workDirectory;

	private final int port;

	private final Thread shutdownHook;

	private Process process;

	private boolean closed;

	private EmbeddedRedis(Path serverExecutable, Path workDirectory, int port) {
		this.serverExecutable = serverExecutable;
		this.workDirectory = workDirectory;
		this.port = port;
		this.shutdownHook = new Thread(() -> release(false), "embedded-redis-" + port + "-shutdown");
		Runtime.getRuntime().addShutdownHook(this.shutdownHook);
	}

	/**
	 * Starts a server.
	 * @param port the port on 127.0.0.1, or 0 for any free port
	 * @return the running server
	 * @throws IllegalStateException if the port is in use or the server does not start
	 */
	public static EmbeddedRedis start(int port) {
		int chosenPort = (port != 0) ? LocalPorts.checkRange(port) : LocalPorts.free();
		LocalPorts.requireFree(chosenPort, "Redis");
		Path serverExecutable = executable();
		Path workDirectory;
		try {
			workDirectory = Files.createTempDirectory("gridintake-redis-");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		EmbeddedRedis redis = new EmbeddedRedis(serverExecutable, workDirectory, chosenPort);
		try {
			redis.restart();
			return redis;
		}
		catch (RuntimeException ex) {
			redis.close();
			throw ex;
		}
	}

	/** {@code redis://127.0.0.1:PORT}. */
	public String uri() {
		return "redis://" + LocalPorts.HOST + ":" + this.port;
	}

	public int port() {
		return this.port;
	}

	public synchronized boolean isRunning() {
		return this.process != null && this.process.isAlive();
	}

	/** Stops the server; what it held is gone, as nothing is persisted. */
	public synchronized void stop() {
		if (this.process == null) {
			return;
		}
		this.process.destroy();
		try {
			if (!this.process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
				this.process.destroyForcibly().waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.process.destroyForcibly();
		}
		this.process = null;
		log.info("Redis on {}:{} stopped", LocalPorts.HOST, this.port);
	}

	/** Starts the server again on the same port, stopping it first if it runs. */
	public synchronized void restart() {
		if (this.closed) {
			throw new IllegalStateException("The embedded Redis on port " + this.port + " is closed");
		}
		stop();
		LocalPorts.requireFree(this.port, "Redis");
		Path logFile = this.workDirectory.resolve("redis.log");
		List<String> command = List.of(this.serverExecutable.toString(), "--bind", LocalPorts.HOST, "--port",
				String.valueOf(this.port), "--save", "", "--appendonly", "no", "--maxmemory-policy", "noeviction",
				"--protected-mode", "yes", "--dir", this.workDirectory.toString());
		try {
			// To a file, not a pipe: nobody reads the output after start, and a full pipe
			// would block the server.
			this.process = new ProcessBuilder(command).directory(this.workDirectory.toFile())
				.redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
				.start();
			this.process.getOutputStream().close();
			awaitReady(logFile);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start " + this.serverExecutable, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			stop();
			throw new IllegalStateException("Interrupted while starting Redis", ex);
		}
		log.info("Redis listening on {}:{}", LocalPorts.HOST, this.port);
	}

	@Override
	public void close() {
		release(true);
	}

	private synchronized void release(boolean removeShutdownHook) {
		if (this.closed) {
			return;
		}
		this.closed = true;
		stop();
		if (removeShutdownHook) {
			try {
				Runtime.getRuntime().removeShutdownHook(this.shutdownHook);
			}
			catch (IllegalStateException ex) {
				// The JVM is already shutting down; the hook has nothing left to do.
			}
		}
		DevFiles.deleteQuietly(this.workDirectory);
	}

	private void awaitReady(Path logFile) throws InterruptedException {
		long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
		while (!answersPing()) {
			// Doubles as the pause between attempts.
			if (this.process.waitFor(25, TimeUnit.MILLISECONDS)) {
				int exitCode = this.process.exitValue();
				this.process = null;
				throw new IllegalStateException("Redis exited with code " + exitCode + " while starting on "
						+ LocalPorts.HOST + ":" + this.port + System.lineSeparator() + DevFiles.tail(logFile, 20));
			}
			if (System.nanoTime() > deadline) {
				stop();
				throw new IllegalStateException("Redis did not answer PING on " + LocalPorts.HOST + ":" + this.port
						+ " within " + START_TIMEOUT.toSeconds() + "s" + System.lineSeparator()
						+ DevFiles.tail(logFile, 20));
			}
		}
	}

	private boolean answersPing() {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(LocalPorts.loopback(), this.port), 500);
			socket.setSoTimeout(1000);
			OutputStream out = socket.getOutputStream();
			out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
			out.flush();
			BufferedReader in = new BufferedReader(
					new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
			// "-LOADING" and the like mean: not yet.
			return "+PONG".equals(in.readLine());
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static synchronized Path executable() {
		if (executable == null) {
			String resource = ExecutableProvider.newProvidedVersionsMap().get(OsArchitecture.detectOSandArchitecture());
			if (resource == null) {
				throw new IllegalStateException("embedded-redis ships no redis-server for this machine ("
						+ System.getProperty("os.name") + ", " + System.getProperty("os.arch") + ")");
			}
			byte[] binary;
			try (InputStream in = RedisServer.class.getResourceAsStream(resource)) {
				if (in == null) {
					throw new IllegalStateException("Missing class path resource " + resource);
				}
				binary = in.readAllBytes();
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Could not read " + resource, ex);
			}
			Path home = BinaryCache.install("redis", binary, (content, directory) -> {
				Path file = directory.resolve("redis-server");
				Files.write(file, content);
				Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
			}, List.of("redis-server"));
			executable = home.resolve("redis-server");
		}
		return executable;
	}

}
