package org.gridintake.adapters.devservers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Server binaries unpacked once per machine, under the temp directory, in a directory
 * named by a hash of what they were unpacked from. Every user may read and run them, so a
 * root JVM's cache also serves the unprivileged user that runs PostgreSQL, and later JVMs
 * of any user. A JVM unpacks into a private staging directory and renames it into place,
 * so two JVMs unpacking at once cannot see each other's half-written files: one rename
 * wins and the other JVM discards its copy.
 */
final class BinaryCache {

	private static final Logger log = LoggerFactory.getLogger(BinaryCache.class);

	private static final String BASE_NAME = "gridintake-devservers";

	private BinaryCache() {
	}

	/**
	 * The directory holding {@code content} as {@code unpacker} lays it out, unpacking it
	 * first if no trusted, complete copy exists yet. {@code required} names files the
	 * copy must hold: temp cleaners delete old files one by one.
	 */
	static Path install(String name, byte[] content, Unpacker unpacker, List<String> required) {
		String key = name + "-" + sha256(content).substring(0, 16);
		Path tmp = Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath();
		String user = System.getProperty("user.name", "user").replaceAll("[^A-Za-z0-9._-]", "_");
		IOException lastFailure = null;
		// The shared base first; a per-user one when another user owns the shared base.
		for (Path base : List.of(tmp.resolve(BASE_NAME), tmp.resolve(BASE_NAME + "-" + user))) {
			Path target = base.resolve(key);
			if (trusted(target)) {
				if (required.stream().allMatch((file) -> Files.exists(target.resolve(file)))) {
					return target;
				}
				log.info("Unpacking {} again: {} is incomplete", name, target);
				DevFiles.deleteQuietly(target);
			}
			try {
				return unpack(base, target, content, unpacker);
			}
			catch (IOException ex) {
				log.debug("Could not unpack {} under {}", name, base, ex);
				lastFailure = ex;
			}
		}
		throw new UncheckedIOException("Could not unpack the " + name + " binaries under " + tmp, lastFailure);
	}

	private static Path unpack(Path base, Path target, byte[] content, Unpacker unpacker) throws IOException {
		Files.createDirectories(base);
		if (!trusted(base) || !Files.isWritable(base)) {
			throw new IOException(base + " belongs to another user");
		}
		if (ServerUser.effectiveUid() == uid(base)) {
			Files.setPosixFilePermissions(base, PosixFilePermissions.fromString("rwxr-xr-x"));
		}
		Path staging = Files.createTempDirectory(base, target.getFileName() + ".partial-");
		try {
			unpacker.unpack(content, staging);
			openToAll(staging);
			try {
				Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
				log.info("Unpacked {} into {}", target.getFileName(), target);
			}
			catch (AtomicMoveNotSupportedException ex) {
				throw new IOException("Cannot rename within " + base, ex);
			}
			catch (IOException ex) {
				// Linux reports the lost race as a plain "Directory not empty".
				if (!trusted(target)) {
					throw ex;
				}
				log.debug("Another process unpacked {} first", target);
			}
		}
		finally {
			DevFiles.deleteQuietly(staging);
		}
		if (!trusted(target)) {
			throw new IOException(target + " is missing or belongs to another user");
		}
		return target;
	}

	private static boolean trusted(Path path) {
		try {
			return Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS) && ServerUser.trusts(uid(path));
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static int uid(Path path) throws IOException {
		return (Integer) Files.getAttribute(path, "unix:uid", LinkOption.NOFOLLOW_LINKS);
	}

	private static void openToAll(Path root) throws IOException {
		Files.walkFileTree(root, new SimpleFileVisitor<>() {

			@Override
			public FileVisitResult preVisitDirectory(Path directory, BasicFileAttributes attributes)
					throws IOException {
				Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxr-xr-x"));
				return FileVisitResult.CONTINUE;
			}

		});
	}

	private static String sha256(byte[] content) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Lays out the binaries in an empty directory, with modes readable by all users. */
	@FunctionalInterface
	interface Unpacker {

		void unpack(byte[] content, Path directory) throws IOException;

	}

}
