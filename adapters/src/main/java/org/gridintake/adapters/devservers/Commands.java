package org.gridintake.adapters.devservers;

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
 * Runs the short-lived server tools (initdb, pg_ctl, id) to completion.
 */
final class Commands {

	private Commands() {
	}

	/**
	 * Runs a command and collects what it printed. The output goes through a file rather
	 * than a pipe so that a daemon the command leaves behind (pg_ctl start) cannot keep
	 * this call waiting for the end of a stream.
	 */
	static Result run(List<String> command, Path workDirectory, Duration timeout) {
		Path output = null;
		try {
			output = Files.createTempFile("gridintake-command-", ".out");
			ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(output.toFile());
			if (workDirectory != null) {
				builder.directory(workDirectory.toFile());
			}
			Map<String, String> environment = builder.environment();
			// PGDATA, PGPORT, PGOPTIONS and friends from the caller's shell would
			// change what the tools do; English messages keep errors searchable.
			environment.keySet().removeIf((name) -> name.startsWith("PG"));
			environment.put("LC_ALL", "C");
			Process process = builder.start();
			process.getOutputStream().close();
			if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
				process.destroyForcibly();
				throw new IllegalStateException("Timed out after " + timeout.toSeconds() + "s: "
						+ String.join(" ", command) + System.lineSeparator() + read(output));
			}
			return new Result(process.exitValue(), read(output));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not run " + command.get(0), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while running " + command.get(0), ex);
		}
		finally {
			if (output != null) {
				DevFiles.deleteQuietly(output);
			}
		}
	}

	private static String read(Path output) throws IOException {
		return new String(Files.readAllBytes(output), StandardCharsets.UTF_8).strip();
	}

	record Result(int exitCode, String output) {

		boolean succeeded() {
			return this.exitCode == 0;
		}

	}

}
