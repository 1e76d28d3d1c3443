package org.gridintake.routes.media;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;

/**
 * The URLs stored photos are published under: the configured base followed by
 * {@code <id>.<extension>}. A URL under the base is read back as the photo it names, so a
 * client may hand the gateway's own photo URLs back in a report.
 */
public final class MediaLinks {

	private final String base;

	/**
	 * @param publicBaseUrl absolute ({@code https://host/media/}) or relative to the
	 * gateway ({@code /media/}); a missing final slash is added
	 */
	public MediaLinks(String publicBaseUrl) {
		if (publicBaseUrl == null || publicBaseUrl.isBlank()) {
			throw new IllegalArgumentException("a public base URL for photos is required");
		}
		String trimmed = publicBaseUrl.strip();
		this.base = trimmed.endsWith("/") ? trimmed : trimmed + "/";
	}

	public String urlOf(StoredPhoto photo) {
		return this.base + photo.fileName();
	}

	/** Whether the URLs handed out can be fetched by someone outside the gateway. */
	public boolean isAbsolute() {
		return isWebUrl(this.base);
	}

	/** The photo a URL names when it is one of the gateway's own. */
	public Optional<Named> own(String url) {
		if (url == null || !url.startsWith(this.base)) {
			return Optional.empty();
		}
		String name = url.substring(this.base.length());
		int dot = name.lastIndexOf('.');
		return (dot < 0) ? Optional.empty() : named(name.substring(0, dot), name.substring(dot + 1));
	}

	/** The photo a served file name ({@code <id>.<extension>}) stands for. */
	public static Optional<Named> named(String id, String extension) {
		if (!PhotoIds.isValid(id)) {
			return Optional.empty();
		}
		return ImageType.fromExtension(extension).map((type) -> new Named(id, type));
	}

	/** An absolute http or https URL with a host: something a platform can fetch. */
	public static boolean isWebUrl(String value) {
		try {
			URI uri = new URI(value);
			return ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
					&& uri.getHost() != null;
		}
		catch (URISyntaxException ex) {
			return false;
		}
	}

	/**
	 * A photo as a URL names it: the id and the type its extension claims.
	 *
	 * @param id the content hash
	 * @param type the type the extension names; served only when the content agrees
	 */
	public record Named(String id, ImageType type) {
	}

}
