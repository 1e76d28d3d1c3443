package org.gridintake.routes.media;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Photos in a map, for tests of the rules around the store. */
public class MemoryPhotoStore implements PhotoStore {

	private final Map<String, byte[]> photos = new ConcurrentHashMap<>();

	@Override
	public StoredPhoto store(byte[] bytes) {
		ImageType type = ImageSniffer.detect(bytes).orElseThrow(NotAnImageException::new);
		String id = PhotoIds.of(bytes);
		this.photos.putIfAbsent(id, bytes.clone());
		return new StoredPhoto(id, type, bytes.length);
	}

	@Override
	public Optional<Photo> load(String id) {
		return Optional.ofNullable(this.photos.get(id))
			.map((bytes) -> new Photo(new StoredPhoto(id, ImageSniffer.detect(bytes).orElseThrow(), bytes.length),
					bytes.clone()));
	}

	@Override
	public Optional<StoredPhoto> find(String id) {
		return load(id).map(Photo::stored);
	}

	public int size() {
		return this.photos.size();
	}

}
