package org.gridintake.adapters.media;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.gridintake.routes.media.ImageSniffer;
import org.gridintake.routes.media.ImageType;
import org.gridintake.routes.media.Photo;
import org.gridintake.routes.media.PhotoIds;
import org.gridintake.routes.media.PhotoStore;
import org.gridintake.routes.media.StoredPhoto;

/**
 * Photos as files named by their id, in two levels of subdirectories taken from the id's
 * first characters ({@code ab/cd/abcd…}) so that no directory grows too large. A photo is
 * written to a temporary file, forced to disk and then renamed into place, so a file
 * under its final name is always complete; a crash leaves at most a temporary file
 * behind. The type is not kept beside the file: it is read from the content again, which
 * is also what is served.
 */
class DiskPhotoStore implements PhotoStore {

	private static final Logger log = LoggerFactory.getLogger(DiskPhotoStore.class);

	private static final String TEMPORARY_SUFFIX = ".tmp";

	private final Path directory;

	DiskPhotoStore(Path directory) {
		this.directory = directory.toAbsolutePath().normalize();
		try {
			Files.createDirectories(this.directory);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot create the photo directory " + this.directory, ex);
		}
		if (!Files.isWritable(this.directory)) {
			throw new IllegalStateException("the photo directory " + this.directory + " is not writable");
		}
	}

	@Override
	public StoredPhoto store(byte[] bytes) {
		ImageType type = ImageSniffer.detect(bytes).orElseThrow(NotAnImageException::new);
		String id = PhotoIds.of(bytes);
		StoredPhoto photo = new StoredPhoto(id, type, bytes.length);
		Path target = pathOf(id);
		try {
			if (Files.isRegularFile(target) && Files.size(target) == bytes.length) {
				return photo;
			}
			Path shard = Files.createDirectories(target.getParent());
			Path temporary = shard.resolve("." + id + "." + UUID.randomUUID() + TEMPORARY_SUFFIX);
			try {
				try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE_NEW,
						StandardOpenOption.WRITE)) {
					ByteBuffer buffer = ByteBuffer.wrap(bytes);
					while (buffer.hasRemaining()) {
						channel.write(buffer);
					}
					channel.force(true);
				}
				move(temporary, target);
			}
			finally {
				Files.deleteIfExists(temporary);
			}
			forceDirectory(shard);
			return photo;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot store photo " + id, ex);
		}
	}

	@Override
	public Optional<Photo> load(String id) {
		if (!PhotoIds.isValid(id)) {
			return Optional.empty();
		}
		byte[] content;
		try {
			content = Files.readAllBytes(pathOf(id));
		}
		catch (NoSuchFileException ex) {
			return Optional.empty();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read photo " + id, ex);
		}
		return ImageSniffer.detect(content)
			.map((type) -> new Photo(new StoredPhoto(id, type, content.length), content));
	}

	@Override
	public Optional<StoredPhoto> find(String id) {
		if (!PhotoIds.isValid(id)) {
			return Optional.empty();
		}
		Path path = pathOf(id);
		try (InputStream in = Files.newInputStream(path)) {
			byte[] head = in.readNBytes(ImageSniffer.HEAD_BYTES);
			long size = Files.size(path);
			return ImageSniffer.detect(head).map((type) -> new StoredPhoto(id, type, size));
		}
		catch (NoSuchFileException ex) {
			return Optional.empty();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read photo " + id, ex);
		}
	}

	/** Only ever called with a valid id, which cannot climb out of the directory. */
	private Path pathOf(String id) {
		return this.directory.resolve(id.substring(0, 2)).resolve(id.substring(2, 4)).resolve(id);
	}

	private static void move(Path temporary, Path target) throws IOException {
		try {
			// replacing is harmless: a file under this name has these very bytes
			Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		}
		catch (AtomicMoveNotSupportedException ex) {
			throw new IOException("the photo directory must allow atomic renames", ex);
		}
	}

	/**
	 * The rename is durable only once the directory entry is on disk. Some file systems
	 * cannot force a directory; there the rename is as durable as they make it.
	 */
	private static void forceDirectory(Path directory) {
		try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
			channel.force(true);
		}
		catch (IOException ex) {
			log.debug("Cannot force directory {} to disk: {}", directory, ex.toString());
		}
	}

}
