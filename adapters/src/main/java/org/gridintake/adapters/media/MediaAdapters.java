package org.gridintake.adapters.media;

import java.nio.file.Path;

import org.gridintake.routes.media.PhotoStore;

/** Where photos are kept. */
public final class MediaAdapters {

	private MediaAdapters() {
	}

	/**
	 * Photos on a local or mounted disk; several gateway instances share one by mounting
	 * the same directory.
	 * @param directory created when missing; start-up fails when it cannot be written
	 */
	public static PhotoStore diskStore(Path directory) {
		return new DiskPhotoStore(directory);
	}

}
