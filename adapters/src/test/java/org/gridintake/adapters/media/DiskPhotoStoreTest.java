package org.gridintake.adapters.media;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.gridintake.routes.media.ImageType;
import org.gridintake.routes.media.Photo;
import org.gridintake.routes.media.PhotoIds;
import org.gridintake.routes.media.PhotoStore;
import org.gridintake.routes.media.StoredPhoto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class DiskPhotoStoreTest {

	@TempDir
	Path directory;

	@Test
	void aPhotoIsKeptUnderItsContentHashInShardedDirectoriesAndReadBackByteForByte() throws IOException {
		PhotoStore store = MediaAdapters.diskStore(this.directory.resolve("media"));
		byte[] jpeg = image("jpg");
		StoredPhoto stored = store.store(jpeg);
		String id = PhotoIds.of(jpeg);
		assertThat(stored).isEqualTo(new StoredPhoto(id, ImageType.JPEG, jpeg.length));
		assertThat(this.directory.resolve("media").resolve(id.substring(0, 2)).resolve(id.substring(2, 4)).resolve(id))
			.hasBinaryContent(jpeg);

		Photo loaded = store.load(id).orElseThrow();
		assertThat(loaded.content()).isEqualTo(jpeg);
		assertThat(loaded.stored()).isEqualTo(stored);
		assertThat(store.find(id)).contains(stored);
		assertThat(files()).hasSize(1);
	}

	@Test
	void storingTheSamePhotoAgainWritesNothingNew() throws IOException {
		PhotoStore store = MediaAdapters.diskStore(this.directory);
		byte[] png = image("png");
		StoredPhoto first = store.store(png);
		Path file = files().get(0);
		java.nio.file.attribute.FileTime written = Files.getLastModifiedTime(file);
		Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.fromMillis(0));
		assertThat(store.store(png)).isEqualTo(first);
		assertThat(Files.getLastModifiedTime(file).toMillis()).isZero();
		assertThat(written.toMillis()).isPositive();
		assertThat(files()).containsExactly(file);
	}

	@Test
	void onlyImagesAreStoredAndNoTemporaryFileIsLeft() throws IOException {
		PhotoStore store = MediaAdapters.diskStore(this.directory);
		assertThatExceptionOfType(PhotoStore.NotAnImageException.class)
			.isThrownBy(() -> store.store("<script>alert(1)</script>".getBytes(StandardCharsets.UTF_8)));
		store.store(image("png"));
		assertThat(files()).singleElement().satisfies((file) -> assertThat(file.getFileName().toString()).hasSize(64));
	}

	@Test
	void idsThatAreNotContentHashesFindNothing() {
		PhotoStore store = MediaAdapters.diskStore(this.directory);
		store.store(image("png"));
		for (String id : new String[] { "../../etc/passwd", "", "ABCDEF", PhotoIds.of(new byte[] { 1 }),
				PhotoIds.of(new byte[] { 1 }).toUpperCase() }) {
			assertThat(store.load(id)).as(id).isEmpty();
			assertThat(store.find(id)).as(id).isEmpty();
		}
	}

	private List<Path> files() throws IOException {
		try (Stream<Path> walk = Files.walk(this.directory)) {
			return walk.filter(Files::isRegularFile).toList();
		}
	}

	static byte[] image(String format) {
		BufferedImage image = new BufferedImage(4, 3, BufferedImage.TYPE_INT_RGB);
		image.setRGB(1, 1, 0x3366CC);
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try {
			ImageIO.write(image, format, bytes);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return bytes.toByteArray();
	}

}
