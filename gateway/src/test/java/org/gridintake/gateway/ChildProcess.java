package org.gridintake.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A program run as an operating-system process of its own, its output (stdout and stderr)
 * going to a log file that stays behind for diagnosis. Closing it ends the process and
 * everything it started: politely first, then by force; a JVM that exits without closing
 * it (a test run cut short) still takes the process down with it.
 */
public final class ChildProcess implements AutoCloseable {

	/** How long a process asked to stop may take to shut down before it is killed. */
	private static final Duration GRACE = Duration.ofSeconds(10);

	/**
	 * Settings a developer's or CI's environment may carry that would point the child at
	 * other servers or another city; it gets only what the test hands it.
	 */
	private static final List<String> INHERITED_SETTINGS = List.of("GATEWAY_", "SPRING_", "SMPP_", "REDIS_URI", "PORT",
			"JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "REPLAY_");

	private final String name;

	private final Process process;

	private final Path log;

	private final Thread killAtExit;

	private ChildProcess(String name, Process process, Path log) {
		this.name = name;
		this.process = process;
		this.log = log;
		this.killAtExit = new Thread(this::kill, "kill-" + name);
		Runtime.getRuntime().addShutdownHook(this.killAtExit);
	}

	/**
	 * @param environment set on top of this JVM's environment, from which every gateway,
	 * Spring, SMPP and Redis setting has been removed
	 */
	public static ChildProcess start(String name, List<String> command, Map<String, String> environment, Path directory,
			Path log) {
		ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile())
			.redirectErrorStream(true)
			.redirectOutput(log.toFile());
		builder.environment()
			.keySet()
			.removeIf((variable) -> INHERITED_SETTINGS.stream().anyMatch(variable::startsWith));
		builder.environment().putAll(environment);
		try {
			Files.writeString(log, "", StandardCharsets.UTF_8);
			return new ChildProcess(name, builder.start(), log);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot start " + name + ": " + command, ex);
		}
	}

	/**
	 * @return whether it ended within the timeout
	 */
	public boolean waitFor(Duration timeout) throws InterruptedException {
		return this.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
	}

	public boolean isAlive() {
		return this.process.isAlive();
	}

	public int exitValue() {
		return this.process.exitValue();
	}

	/** Everything it printed so far. */
	public String output() {
		try {
			return Files.readString(this.log, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			return "(cannot read " + this.log + ": " + ex.getMessage() + ")";
		}
	}

	/** The last lines it printed, and where the rest is. */
	public String tail(int lines) {
		List<String> all = output().lines().toList();
		return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size())) + "\n(" + this.name
				+ ", whole output in " + this.log.toAbsolutePath() + ")";
	}

	public long pid() {
		return this.process.pid();
	}

	/**
	 * Ends it at once, as {@code kill -9} would: no shutdown hook runs, nothing in flight
	 * is finished.
	 */
	public void killAbruptly() {
		this.process.destroyForcibly();
	}

	@Override
	public void close() {
		kill();
		try {
			Runtime.getRuntime().removeShutdownHook(this.killAtExit);
		}
		catch (IllegalStateException ex) {
			// the JVM is already shutting down and runs the hook itself
		}
	}

	private void kill() {
		if (!this.process.isAlive()) {
			return;
		}
		List<ProcessHandle> started = this.process.descendants().toList();
		this.process.destroy();
		try {
			if (!this.process.waitFor(GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
				this.process.destroyForcibly().waitFor(GRACE.toMillis(), TimeUnit.MILLISECONDS);
			}
		}
		catch (InterruptedException ex) {
			this.process.destroyForcibly();
			Thread.currentThread().interrupt();
		}
		started.forEach(ProcessHandle::destroyForcibly);
	}

}
