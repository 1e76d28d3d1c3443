package org.gridintake.routes.media;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** The kinds of photo the gateway keeps, each with the one file extension it serves. */
public enum ImageType {

	JPEG("image/jpeg", "jpg", "JPEG"), PNG("image/png", "png", "PNG"), WEBP("image/webp", "webp", "WebP"),
	HEIC("image/heic", "heic", "HEIC"), HEIF("image/heif", "heif", "HEIF"), GIF("image/gif", "gif", "GIF");

	private final String mediaType;

	private final String extension;

	private final String displayName;

	ImageType(String mediaType, String extension, String displayName) {
		this.mediaType = mediaType;
		this.extension = extension;
		this.displayName = displayName;
	}

	public String mediaType() {
		return this.mediaType;
	}

	public String extension() {
		return this.extension;
	}

	public static Optional<ImageType> fromExtension(String extension) {
		return Arrays.stream(values()).filter((type) -> type.extension.equals(extension)).findFirst();
	}

	/** For messages that tell a client what it may send. */
	public static String accepted() {
		return Arrays.stream(values()).map((type) -> type.displayName).collect(Collectors.joining(", "));
	}

}
