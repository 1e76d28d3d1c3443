package org.gridintake.adapters.devservers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The user the PostgreSQL tools run as. initdb, pg_ctl and postgres refuse to run as
 * root, and CI and developers' containers run as root; then the tools run as an
 * unprivileged user instead (system property {@value #RUN_AS_PROPERTY}, default
 * {@code nobody}) through util-linux's {@code setpriv} or {@code runuser}, and the files
 * they need are handed to that user. Otherwise the tools run as the current user,
 * unchanged.
 */
final class ServerUser {

	static final String RUN_AS_PROPERTY = "gridintake.devservers.run-as";

	private static final Logger log = LoggerFactory.getLogger(ServerUser.class);

	private static final Duration LOOKUP_TIMEOUT = Duration.ofSeconds(10);

	private static final List<String> SYSTEM_PATH = List.of("/usr/bin", "/bin", "/usr/sbin", "/sbin");

	private static ServerUser current;

	private final String name;

	private final int uid;

	private final int gid;

	private final List<String> prefix;

	private ServerUser(String name, int uid, int gid, List<String> prefix) {
		this.name = name;
		this.uid = uid;
		this.gid = gid;
		this.prefix = prefix;
	}

	static synchronized ServerUser get() {
		if (current == null) {
			current = detect();
		}
		return current;
	}

	private static ServerUser detect() {
		int effectiveUid = effectiveUid();
		if (effectiveUid != 0) {
			return new ServerUser(null, effectiveUid, -1, List.of());
		}
		String name = System.getProperty(RUN_AS_PROPERTY, "nobody");
		int uid = id(name, "-u");
		int gid = id(name, "-g");
		if (uid == 0) {
			throw new IllegalStateException(
					RUN_AS_PROPERTY + "=" + name + " is root; PostgreSQL needs an unprivileged user");
		}
		List<String> prefix;
		Optional<Path> setpriv = findExecutable("setpriv");
		Optional<Path> runuser = findExecutable("runuser");
		if (setpriv.isPresent()) {
			prefix = List.of(setpriv.get().toString(), "--reuid=" + uid, "--regid=" + gid, "--clear-groups");
		}
		else if (runuser.isPresent()) {
			prefix = List.of(runuser.get().toString(), "-u", name, "--");
		}
		else {
			throw new IllegalStateException(
					"Running as root, and PostgreSQL refuses to run as root; neither setpriv nor "
							+ "runuser (util-linux) was found to run it as user '" + name
							+ "'. Install util-linux or run as a non-root user.");
		}
		log.info("Running as root: the embedded PostgreSQL runs as user '{}' (uid {}) through {}", name, uid,
				Path.of(prefix.get(0)).getFileName());
		return new ServerUser(name, uid, gid, prefix);
	}

	/** Whether commands and files are handed to another user than the current one. */
	boolean switches() {
		return this.name != null;
	}

	String describe() {
		return switches() ? "user " + this.name : "the current user";
	}

	/** The command line that runs {@code command} as this user. */
	List<String> command(List<String> command) {
		List<String> full = new ArrayList<>(this.prefix);
		full.addAll(command);
		return full;
	}

	/** Hands a file tree to this user, so the server may write it. */
	void own(Path root) {
		if (!switches()) {
			return;
		}
		try {
			Files.walkFileTree(root, new SimpleFileVisitor<>() {

				@Override
				public FileVisitResult preVisitDirectory(Path directory, BasicFileAttributes attributes)
						throws IOException {
					chown(directory);
					return FileVisitResult.CONTINUE;
				}

				@Override
				public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
					chown(file);
					return FileVisitResult.CONTINUE;
				}

			});
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not hand " + root + " to user " + this.name, ex);
		}
	}

	private void chown(Path path) throws IOException {
		Files.setAttribute(path, "unix:uid", this.uid, LinkOption.NOFOLLOW_LINKS);
		Files.setAttribute(path, "unix:gid", this.gid, LinkOption.NOFOLLOW_LINKS);
	}

	/**
	 * Lets this user reach {@code path}: each directory above it that others may not
	 * search (a data directory under /root, say) gets o+x, which reveals no listing.
	 */
	void makeReachable(Path path) {
		if (!switches()) {
			return;
		}
		for (Path directory = path.toAbsolutePath().getParent(); directory != null; directory = directory.getParent()) {
			try {
				Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(directory);
				if (!permissions.contains(PosixFilePermission.OTHERS_EXECUTE)) {
					permissions.add(PosixFilePermission.OTHERS_EXECUTE);
					Files.setPosixFilePermissions(directory, permissions);
					log.warn("Granted o+x on {} so that user '{}' can reach {}", directory, this.name, path);
				}
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Could not let user " + this.name + " reach " + path, ex);
			}
		}
	}

	/** Whether this process may trust files owned by {@code uid}: its own, or root's. */
	static boolean trusts(int uid) {
		return uid == 0 || uid == effectiveUid();
	}

	static int effectiveUid() {
		Path status = Path.of("/proc/self/status");
		if (Files.isReadable(status)) {
			try (Stream<String> lines = Files.lines(status)) {
				Optional<String> line = lines.filter((candidate) -> candidate.startsWith("Uid:")).findFirst();
				if (line.isPresent()) {
					// Uid: real effective saved filesystem
					return Integer.parseInt(line.get().split("\\s+")[2]);
				}
			}
			catch (IOException | RuntimeException ex) {
				log.debug("Could not read the effective uid from {}", status, ex);
			}
		}
		return id(null, "-u");
	}

	private static int id(String user, String option) {
		List<String> command = new ArrayList<>(List.of(findExecutable("id").map(Path::toString).orElse("id"), option));
		if (user != null) {
			command.add(user);
		}
		Commands.Result result = Commands.run(command, null, LOOKUP_TIMEOUT);
		if (!result.succeeded()) {
			throw new IllegalStateException((user != null)
					? "Could not look up user '" + user + "' to run PostgreSQL as (choose another with -D"
							+ RUN_AS_PROPERTY + "=NAME): " + result.output()
					: "Could not look up the current user: " + result.output());
		}
		return Integer.parseInt(result.output().strip());
	}

	private static Optional<Path> findExecutable(String name) {
		List<String> directories = new ArrayList<>();
		String path = System.getenv("PATH");
		if (path != null) {
			directories.addAll(List.of(path.split(":")));
		}
		// Maven and IDEs often run with a PATH that lacks the sbin directories.
		directories.addAll(SYSTEM_PATH);
		return directories.stream()
			.filter((directory) -> !directory.isEmpty())
			.map((directory) -> Path.of(directory, name))
			.filter(Files::isExecutable)
			.findFirst();
	}

}
