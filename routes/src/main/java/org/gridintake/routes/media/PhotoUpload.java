package org.gridintake.routes.media;

/**
 * One photo as a client sent it. A photo over the size limit is not held in memory: only
 * how much of it arrived is kept, to say so.
 *
 * @param filename the name the client gave, only ever used in messages; null when none
 * @param content its bytes, null when it was too large to keep
 * @param size how many bytes arrived
 */
public record PhotoUpload(String filename, byte[] content, long size) {

	public static PhotoUpload of(String filename, byte[] content) {
		return new PhotoUpload(filename, content, content.length);
	}

	public static PhotoUpload oversized(String filename, long size) {
		return new PhotoUpload(filename, null, size);
	}

}
