package org.gridintake.routes.media;

import java.util.Optional;

/**
 * Port: where photos are kept, addressed by their content. Storing the same bytes again
 * stores nothing new and names the same photo. Small on purpose, so that an object store
 * (S3, MinIO) can stand behind it as well as a local disk: an id maps to one object key,
 * and the type can be kept as its Content-Type.
 */
public interface PhotoStore {

	/**
	 * Keeps the photo durably before answering: once this returns, a case may name it.
	 * @throws NotAnImageException when the bytes are none of the {@link ImageType}s
	 * @throws java.io.UncheckedIOException when it could not be stored
	 */
	StoredPhoto store(byte[] bytes);

	/** The photo with its content; empty for an unknown or malformed id. */
	Optional<Photo> load(String id);

	/** What is known about a photo without reading all of it. */
	Optional<StoredPhoto> find(String id);

	/** Thrown when bytes that are not an accepted image are offered for storage. */
	class NotAnImageException extends IllegalArgumentException {

		public NotAnImageException() {
			super("not one of: " + ImageType.accepted());
		}

	}

}
