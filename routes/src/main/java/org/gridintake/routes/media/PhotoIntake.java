package org.gridintake.routes.media;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.gridintake.routes.intake.FieldError;

/**
 * The gateway's rules for photos coming in, whether uploaded or named by URL in a report:
 * how many, how large, which types, and which URLs a case may keep. Uploads are checked
 * all together before any is stored, so a refused request leaves nothing behind.
 */
public class PhotoIntake {

	static final int MAX_URL_LENGTH = 2000;

	private static final int MAX_NAME_IN_MESSAGE = 60;

	private final PhotoStore store;

	private final MediaLinks links;

	private final PhotoLimits limits;

	public PhotoIntake(PhotoStore store, MediaLinks links, PhotoLimits limits) {
		this.store = store;
		this.links = links;
		this.limits = limits;
	}

	public PhotoLimits limits() {
		return this.limits;
	}

	public MediaLinks links() {
		return this.links;
	}

	/**
	 * Checks every upload; stores nothing.
	 * @param field the name the client used for the photos, for messages
	 * @throws PhotoRejectedException naming every photo that cannot be taken
	 */
	public List<CheckedPhoto> check(List<PhotoUpload> uploads, String field) {
		List<PhotoProblem> problems = new ArrayList<>();
		if (uploads.size() > this.limits.maxPhotos()) {
			problems.add(new PhotoProblem(PhotoProblem.Kind.TOO_MANY, new FieldError(field,
					"at most " + this.limits.maxPhotos() + " photos per request; " + uploads.size() + " were sent")));
		}
		List<CheckedPhoto> checked = new ArrayList<>();
		for (int i = 0; i < uploads.size(); i++) {
			PhotoUpload upload = uploads.get(i);
			String which = "photo " + (i + 1) + describe(upload.filename());
			if (upload.content() == null || upload.size() > this.limits.maxPhotoBytes()) {
				problems.add(new PhotoProblem(PhotoProblem.Kind.TOO_LARGE, new FieldError(field,
						which + " is larger than " + sizeText(this.limits.maxPhotoBytes()) + ", the most accepted")));
				continue;
			}
			if (upload.content().length == 0) {
				problems.add(new PhotoProblem(PhotoProblem.Kind.EMPTY, new FieldError(field, which + " is empty")));
				continue;
			}
			Optional<ImageType> type = ImageSniffer.detect(upload.content());
			if (type.isEmpty()) {
				problems.add(new PhotoProblem(PhotoProblem.Kind.NOT_AN_IMAGE, new FieldError(field,
						which + " is not an image of an accepted type; accepted: " + ImageType.accepted())));
				continue;
			}
			checked.add(new CheckedPhoto(PhotoIds.of(upload.content()), type.get(), upload.content()));
		}
		if (!problems.isEmpty()) {
			throw new PhotoRejectedException(problems);
		}
		return checked;
	}

	/**
	 * Stores checked photos durably, in order; a photo stored before is not written
	 * again.
	 */
	public List<StoredPhoto> store(List<CheckedPhoto> photos) {
		List<StoredPhoto> stored = new ArrayList<>(photos.size());
		for (CheckedPhoto photo : photos) {
			StoredPhoto kept = this.store.store(photo.content());
			if (!kept.equals(photo.expected())) {
				throw new IllegalStateException("the photo store kept " + kept + " for " + photo.expected());
			}
			stored.add(kept);
		}
		return stored;
	}

	public String urlOf(StoredPhoto photo) {
		return this.links.urlOf(photo);
	}

	/**
	 * Checks the photo URLs a report names: at most the photo limit, each an http(s) URL
	 * or one of the gateway's own photo URLs whose photo is stored (a case never names a
	 * photo that is not kept).
	 * @param field the client's name for the list; entries are named {@code field[i]}
	 */
	public List<FieldError> checkUrls(List<String> urls, String field) {
		if (urls == null || urls.isEmpty()) {
			return List.of();
		}
		List<FieldError> errors = new ArrayList<>();
		if (urls.size() > this.limits.maxPhotos()) {
			errors.add(new FieldError(field, "at most " + this.limits.maxPhotos() + " photos per report"));
			return errors;
		}
		for (int i = 0; i < urls.size(); i++) {
			String entry = field + "[" + i + "]";
			String url = (urls.get(i) != null) ? urls.get(i).strip() : "";
			if (url.isEmpty()) {
				errors.add(new FieldError(entry, "must be a URL"));
			}
			else if (url.length() > MAX_URL_LENGTH) {
				errors.add(new FieldError(entry, "must be at most " + MAX_URL_LENGTH + " characters"));
			}
			else if (this.links.own(url).isPresent()) {
				MediaLinks.Named named = this.links.own(url).get();
				boolean kept = this.store.find(named.id()).filter((photo) -> photo.type() == named.type()).isPresent();
				if (!kept) {
					errors.add(new FieldError(entry, "names no photo stored here; upload the photo first"));
				}
			}
			else if (!MediaLinks.isWebUrl(url)) {
				errors.add(new FieldError(entry, "must be an http or https URL"));
			}
		}
		return errors;
	}

	private static String describe(String filename) {
		if (filename == null || filename.isBlank()) {
			return "";
		}
		// the name is the sender's text: no control characters in messages or logs
		String printable = filename.codePoints()
			.filter((c) -> !Character.isISOControl(c))
			.limit(MAX_NAME_IN_MESSAGE)
			.collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
			.toString();
		return " (" + printable + ")";
	}

	static String sizeText(long bytes) {
		if (bytes % (1024 * 1024) == 0) {
			return bytes / (1024 * 1024) + " MB";
		}
		if (bytes % 1024 == 0) {
			return bytes / 1024 + " KB";
		}
		return bytes + " bytes";
	}

	/**
	 * An upload that passed every check, not yet stored.
	 *
	 * @param id its content hash
	 * @param type what its content is
	 * @param content its bytes
	 */
	public record CheckedPhoto(String id, ImageType type, byte[] content) {

		/** The photo the store will hold once it is stored. */
		public StoredPhoto expected() {
			return new StoredPhoto(this.id, this.type, this.content.length);
		}

	}

}
