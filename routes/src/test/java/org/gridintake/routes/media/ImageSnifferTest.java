package org.gridintake.routes.media;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ImageSnifferTest {

	@Test
	void eachAcceptedTypeIsKnownByItsFirstBytes() {
		assertThat(ImageSniffer.detect(TestImages.jpeg("a"))).contains(ImageType.JPEG);
		assertThat(ImageSniffer.detect(TestImages.png("a"))).contains(ImageType.PNG);
		assertThat(ImageSniffer.detect(TestImages.webp("a"))).contains(ImageType.WEBP);
		assertThat(ImageSniffer.detect(TestImages.gif("a"))).contains(ImageType.GIF);
	}

	@Test
	void phonePhotosAreHeicAndGenericHeifIsHeif() {
		// an iPhone photo: major brand heic
		assertThat(ImageSniffer.detect(TestImages.isoMedia("heic", "mif1", "heic", "a"))).contains(ImageType.HEIC);
		// some Android phones: the generic brand first, HEVC among the compatible ones
		assertThat(ImageSniffer.detect(TestImages.isoMedia("mif1", "mif1", "heic", "a"))).contains(ImageType.HEIC);
		assertThat(ImageSniffer.detect(TestImages.isoMedia("mif1", "mif1", "miaf", "a"))).contains(ImageType.HEIF);
	}

	@Test
	void otherIsoMediaFilesAreNotPhotos() {
		assertThat(ImageSniffer.detect(TestImages.isoMedia("avif", "mif1", "miaf", "a"))).isEmpty();
		assertThat(ImageSniffer.detect(TestImages.isoMedia("mif1", "avif", "miaf", "a"))).isEmpty();
		assertThat(ImageSniffer.detect(TestImages.isoMedia("isom", "iso2", "mp41", "a"))).isEmpty();
	}

	@Test
	void textIsNoImageWhateverItIsCalled() {
		assertThat(ImageSniffer.detect("<html><script>alert(1)</script>".getBytes(StandardCharsets.UTF_8))).isEmpty();
		assertThat(ImageSniffer.detect("井盖丢了".getBytes(StandardCharsets.UTF_8))).isEmpty();
		assertThat(ImageSniffer.detect("<svg xmlns=\"http://www.w3.org/2000/svg\"/>".getBytes(StandardCharsets.UTF_8)))
			.isEmpty();
	}

	@Test
	void truncatedSignaturesAreNotEnough() {
		assertThat(ImageSniffer.detect(new byte[0])).isEmpty();
		assertThat(ImageSniffer.detect(null)).isEmpty();
		assertThat(ImageSniffer.detect(new byte[] { (byte) 0xFF, (byte) 0xD8 })).isEmpty();
		assertThat(ImageSniffer.detect(new byte[] { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n' })).isEmpty();
		assertThat(ImageSniffer.detect("RIFF\0\0\0\0WEBP".getBytes(StandardCharsets.ISO_8859_1))).isEmpty();
		// a WAV file is RIFF too
		assertThat(ImageSniffer.detect("RIFF\0\0\0\0WAVEfmt ".getBytes(StandardCharsets.ISO_8859_1))).isEmpty();
		// an ftyp box claiming more bytes than there are
		assertThat(ImageSniffer.detect("\0\0\1\0ftypheic\0\0\0\0".getBytes(StandardCharsets.ISO_8859_1))).isEmpty();
	}

}
