package org.gridintake.routes.media;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.gridintake.routes.intake.FieldError;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class PhotoIntakeTest {

	private final MemoryPhotoStore store = new MemoryPhotoStore();

	private final PhotoIntake photos = new PhotoIntake(this.store, new MediaLinks("https://gw.example.cn/media"),
			new PhotoLimits(64, 3));

	@Test
	void checkedPhotosAreNamedByTheirContentAndStoredOnlyWhenAsked() {
		byte[] jpeg = TestImages.jpeg("one");
		List<PhotoIntake.CheckedPhoto> checked = this.photos.check(
				List.of(PhotoUpload.of("IMG_0001.jpg", jpeg), PhotoUpload.of("x.png", TestImages.png("two"))), "media");
		assertThat(checked).extracting(PhotoIntake.CheckedPhoto::type).containsExactly(ImageType.JPEG, ImageType.PNG);
		assertThat(checked.get(0).id()).isEqualTo(PhotoIds.of(jpeg)).hasSize(64);
		assertThat(this.store.size()).isZero();

		List<StoredPhoto> stored = this.photos.store(checked);
		assertThat(this.photos.urlOf(stored.get(0)))
			.isEqualTo("https://gw.example.cn/media/" + PhotoIds.of(jpeg) + ".jpg");
		// the same photo again is the same photo
		assertThat(this.photos.store(this.photos.check(List.of(PhotoUpload.of("copy.jpg", jpeg)), "media")))
			.containsExactly(stored.get(0));
		assertThat(this.store.size()).isEqualTo(2);
	}

	@Test
	void everyProblemIsNamedAndNothingIsStored() {
		PhotoRejectedException rejected = catchThrowableOfType(PhotoRejectedException.class,
				() -> this.photos.check(List.of(PhotoUpload.of("notes.jpg", "不是照片".getBytes(StandardCharsets.UTF_8)),
						PhotoUpload.oversized("big\u0007.jpg", 65), PhotoUpload.of("empty.png", new byte[0]),
						PhotoUpload.of(null, TestImages.gif("4"))), "media"));
		assertThat(rejected.problems()).extracting(PhotoProblem::kind)
			.containsExactly(PhotoProblem.Kind.TOO_MANY, PhotoProblem.Kind.NOT_AN_IMAGE, PhotoProblem.Kind.TOO_LARGE,
					PhotoProblem.Kind.EMPTY);
		assertThat(rejected.problems()).extracting(PhotoProblem::error)
			.containsExactly(new FieldError("media", "at most 3 photos per request; 4 were sent"), new FieldError(
					"media",
					"photo 1 (notes.jpg) is not an image of an accepted type; accepted: JPEG, PNG, WebP, HEIC, HEIF, GIF"),
					new FieldError("media", "photo 2 (big.jpg) is larger than 64 bytes, the most accepted"),
					new FieldError("media", "photo 3 (empty.png) is empty"));
		assertThat(this.store.size()).isZero();
	}

	@Test
	void reportsNameWebPhotosOrPhotosStoredHere() {
		StoredPhoto kept = this.store.store(TestImages.jpeg("kept"));
		String own = "https://gw.example.cn/media/" + kept.fileName();
		assertThat(this.photos.checkUrls(List.of("https://cdn.example.org/p/1.jpg", own), "media_urls")).isEmpty();
		assertThat(this.photos.checkUrls(null, "media_urls")).isEmpty();

		String unknown = "https://gw.example.cn/media/" + PhotoIds.of(new byte[] { 1 }) + ".jpg";
		String wrongType = "https://gw.example.cn/media/" + kept.id() + ".png";
		assertThat(this.photos.checkUrls(List.of("javascript:alert(1)", unknown, wrongType), "media_urls"))
			.containsExactly(new FieldError("media_urls[0]", "must be an http or https URL"),
					new FieldError("media_urls[1]", "names no photo stored here; upload the photo first"),
					new FieldError("media_urls[2]", "names no photo stored here; upload the photo first"));
		assertThat(this.photos.checkUrls(List.of(own, own, own, own), "media_urls"))
			.containsExactly(new FieldError("media_urls", "at most 3 photos per report"));
	}

	@Test
	void aRelativeBaseNamesPhotosBesideTheGateway() {
		MediaLinks links = new MediaLinks("/media/");
		StoredPhoto photo = new StoredPhoto(PhotoIds.of(new byte[] { 1 }), ImageType.WEBP, 1);
		assertThat(links.urlOf(photo)).isEqualTo("/media/" + photo.id() + ".webp");
		assertThat(links.own(links.urlOf(photo))).contains(new MediaLinks.Named(photo.id(), ImageType.WEBP));
		assertThat(links.isAbsolute()).isFalse();
		assertThat(links.own("/media/../../etc/passwd.jpg")).isEmpty();
		assertThat(MediaLinks.named(photo.id().toUpperCase(), "webp")).isEmpty();
		assertThat(MediaLinks.named(photo.id(), "jpeg")).isEmpty();
	}

}
