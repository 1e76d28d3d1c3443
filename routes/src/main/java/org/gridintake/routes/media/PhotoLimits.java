package org.gridintake.routes.media;

/**
 * @param maxPhotoBytes the largest photo accepted
 * @param maxPhotos photos per request or report, uploaded and linked together
 */
public record PhotoLimits(long maxPhotoBytes, int maxPhotos) {

	public PhotoLimits {
		if (maxPhotoBytes < 1 || maxPhotoBytes > Integer.MAX_VALUE - 8) {
			throw new IllegalArgumentException("a photo is held in memory: at most 2 GB, at least 1 byte");
		}
		if (maxPhotos < 1) {
			throw new IllegalArgumentException("at least one photo must be allowed");
		}
	}

}
