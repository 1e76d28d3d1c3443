package org.gridintake.gateway.web;

import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.gridintake.routes.media.PhotoProblem;
import org.gridintake.routes.media.PhotoRejectedException;
import org.gridintake.routes.media.PhotoUpload;
import org.springframework.core.codec.DecodingException;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.codec.multipart.FilePartEvent;
import org.springframework.http.codec.multipart.FormPartEvent;
import org.springframework.http.codec.multipart.PartEvent;

/**
 * Reads a multipart/form-data request as it streams in: form fields as text, the photo
 * parts as bytes. Nothing beyond the limits is held: a photo over the size limit is
 * drained and only its size kept, so the client still gets an answer naming it; a request
 * over the total limit is cut off.
 */
public final class MultipartForms {

	/** The part name photos are sent under. */
	public static final String PHOTO_PART = "media";

	/** Form fields and photos together; no client needs more. */
	static final int MAX_PARTS = 64;

	private final long maxPhotoBytes;

	private final long maxRequestBytes;

	public MultipartForms(long maxPhotoBytes, long maxRequestBytes) {
		this.maxPhotoBytes = maxPhotoBytes;
		this.maxRequestBytes = maxRequestBytes;
	}

	/**
	 * @param declaredLength the request's Content-Length, -1 when not sent
	 * @return the form, or an error: {@link Refused} for a request that breaks a limit or
	 * is not multipart/form-data
	 */
	public Mono<Form> read(Flux<PartEvent> parts, long declaredLength) {
		if (declaredLength > this.maxRequestBytes) {
			return Mono.error(tooLarge());
		}
		return parts.reduce(new Reading(), this::accept)
			.map(Reading::form)
			.defaultIfEmpty(new Form(Map.of(), List.of()))
			.onErrorMap(DataBufferLimitException.class,
					(ex) -> new Refused(HttpStatus.PAYLOAD_TOO_LARGE, "body",
							"a form field or part header is larger than the gateway accepts"))
			.onErrorMap(DecodingException.class,
					(ex) -> new Refused(HttpStatus.BAD_REQUEST, "body", "is not valid multipart/form-data"));
	}

	/** The status a web face answers refused photos with: the gravest problem decides. */
	public static HttpStatus statusOf(PhotoRejectedException rejected) {
		if (rejected.has(PhotoProblem.Kind.TOO_LARGE)) {
			return HttpStatus.PAYLOAD_TOO_LARGE;
		}
		if (rejected.has(PhotoProblem.Kind.NOT_AN_IMAGE)) {
			return HttpStatus.UNSUPPORTED_MEDIA_TYPE;
		}
		return HttpStatus.BAD_REQUEST;
	}

	/**
	 * The form's text fields as form encoding, to keep with a case as its raw message.
	 */
	public static byte[] formEncoded(Map<String, String> fields, String photoField, List<String> photoUrls) {
		StringBuilder encoded = new StringBuilder();
		fields.forEach((name, value) -> append(encoded, name, value));
		photoUrls.forEach((url) -> append(encoded, photoField, url));
		return encoded.toString().getBytes(StandardCharsets.UTF_8);
	}

	private static void append(StringBuilder encoded, String name, String value) {
		if (!encoded.isEmpty()) {
			encoded.append('&');
		}
		encoded.append(URLEncoder.encode(name, StandardCharsets.UTF_8))
			.append('=')
			.append(URLEncoder.encode((value != null) ? value : "", StandardCharsets.UTF_8));
	}

	private Reading accept(Reading reading, PartEvent event) {
		try {
			reading.accept(event, this.maxPhotoBytes, this.maxRequestBytes);
			return reading;
		}
		finally {
			DataBufferUtils.release(event.content());
		}
	}

	private Refused tooLarge() {
		return new Refused(HttpStatus.PAYLOAD_TOO_LARGE, "body",
				"is larger than " + this.maxRequestBytes / 1024 + " KB, the most the gateway accepts");
	}

	/**
	 * A multipart request as read.
	 *
	 * @param fields each form field's first value
	 * @param photos the {@value #PHOTO_PART} parts, in the order sent
	 */
	public record Form(Map<String, String> fields, List<PhotoUpload> photos) {
	}

	/** A request refused before anything of it was kept. */
	public static final class Refused extends RuntimeException {

		private final HttpStatus status;

		private final String field;

		Refused(HttpStatus status, String field, String message) {
			super(message, null, false, false);
			this.status = status;
			this.field = field;
		}

		public HttpStatus status() {
			return this.status;
		}

		public String field() {
			return this.field;
		}

	}

	/** The state of one request being read; parts arrive one after another. */
	private final class Reading {

		private final Map<String, String> fields = new LinkedHashMap<>();

		private final List<PhotoUpload> photos = new ArrayList<>();

		private long received;

		private int parts;

		/** The photo part being read, null between parts and while reading a field. */
		private PhotoBytes photo;

		void accept(PartEvent event, long maxPhotoBytes, long maxRequestBytes) {
			DataBuffer content = event.content();
			this.received += content.readableByteCount();
			if (this.received > maxRequestBytes) {
				throw tooLarge();
			}
			if (this.photo == null && !startPart(event)) {
				return;
			}
			if (this.photo != null) {
				this.photo.append(content, maxPhotoBytes);
				if (event.isLast()) {
					this.photos.add(this.photo.upload());
					this.photo = null;
				}
			}
		}

		/**
		 * @return whether the event starts a photo whose content follows
		 */
		private boolean startPart(PartEvent event) {
			if (++this.parts > MAX_PARTS) {
				throw new Refused(HttpStatus.BAD_REQUEST, "body", "must have at most " + MAX_PARTS + " parts");
			}
			String name = event.name();
			if (name == null || name.isBlank()) {
				throw new Refused(HttpStatus.BAD_REQUEST, "body", "every part needs a name");
			}
			if (event instanceof FormPartEvent form && !PHOTO_PART.equals(name)) {
				this.fields.putIfAbsent(name, form.value());
				return false;
			}
			if (!PHOTO_PART.equals(name)) {
				throw new Refused(HttpStatus.BAD_REQUEST, name,
						"is a file; only " + PHOTO_PART + " parts may carry files");
			}
			this.photo = new PhotoBytes((event instanceof FilePartEvent file) ? file.filename() : null);
			return true;
		}

		Form form() {
			return new Form(this.fields, this.photos);
		}

	}

	/** One photo's bytes, kept only while within the limit. */
	private static final class PhotoBytes {

		private final String filename;

		private ByteArrayOutputStream bytes = new ByteArrayOutputStream();

		private long size;

		PhotoBytes(String filename) {
			this.filename = filename;
		}

		void append(DataBuffer content, long maxPhotoBytes) {
			int length = content.readableByteCount();
			this.size += length;
			if (this.size > maxPhotoBytes) {
				this.bytes = null;
			}
			if (this.bytes != null && length > 0) {
				byte[] chunk = new byte[length];
				content.read(chunk);
				this.bytes.write(chunk, 0, length);
			}
		}

		PhotoUpload upload() {
			return (this.bytes != null) ? PhotoUpload.of(this.filename, this.bytes.toByteArray())
					: PhotoUpload.oversized(this.filename, this.size);
		}

	}

}
