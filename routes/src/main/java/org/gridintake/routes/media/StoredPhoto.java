package org.gridintake.routes.media;

/**
 * A photo the store holds durably.
 *
 * @param id the SHA-256 of its bytes, hex
 * @param type what its content is
 * @param bytes its size
 */
public record StoredPhoto(String id, ImageType type, long bytes) {

	/** The name it is served under: its id and its type's extension. */
	public String fileName() {
		return this.id + "." + this.type.extension();
	}

}
