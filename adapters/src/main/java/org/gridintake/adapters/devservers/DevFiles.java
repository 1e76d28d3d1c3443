package org.gridintake.adapters.devservers;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * File chores shared by the embedded servers.
 */
final class DevFiles {

	private DevFiles() {
	}

	static void deleteQuietly(Path path) {
		try {
			deleteRecursively(path);
		}
		catch (IOException ex) {
			// Leftovers in the temp directory are harmless; failing close() is not.
		}
	}

	/** Deletes a tree without following symbolic links out of it. */
	static void deleteRecursively(Path root) throws IOException {
		if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
			return;
		}
		Files.walkFileTree(root, new SimpleFileVisitor<>() {

			@Override
			public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
				Files.deleteIfExists(file);
				return FileVisitResult.CONTINUE;
			}

			@Override
			public FileVisitResult postVisitDirectory(Path directory, IOException failure) throws IOException {
				Files.deleteIfExists(directory);
				return FileVisitResult.CONTINUE;
			}

		});
	}

	/** The last lines of a server log, for error messages; empty when there is none. */
	static String tail(Path log, int lines) {
		try {
			if (!Files.isRegularFile(log)) {
				return "";
			}
			List<String> all = List.of(new String(Files.readAllBytes(log), StandardCharsets.UTF_8).split("\\R"));
			return String.join(System.lineSeparator(), all.subList(Math.max(0, all.size() - lines), all.size()));
		}
		catch (IOException ex) {
			return "";
		}
	}

	/**
	 * Permissions from a tar-style mode, widened so that every user may read, and execute
	 * what its owner may execute: the cache is shared with the unprivileged server user.
	 */
	static Set<PosixFilePermission> readableByAll(int mode) {
		Set<PosixFilePermission> permissions = EnumSet.of(PosixFilePermission.OWNER_READ,
				PosixFilePermission.GROUP_READ, PosixFilePermission.OTHERS_READ);
		if ((mode & 0200) != 0) {
			permissions.add(PosixFilePermission.OWNER_WRITE);
		}
		if ((mode & 0111) != 0) {
			permissions.add(PosixFilePermission.OWNER_EXECUTE);
			permissions.add(PosixFilePermission.GROUP_EXECUTE);
			permissions.add(PosixFilePermission.OTHERS_EXECUTE);
		}
		return permissions;
	}

}
