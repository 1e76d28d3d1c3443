package org.gridintake.gateway.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.gridintake.gateway.config.MediaProperties;
import org.gridintake.routes.intake.FieldError;
import org.gridintake.routes.media.ImageType;
import org.gridintake.routes.media.MediaLinks;
import org.gridintake.routes.media.Photo;
import org.gridintake.routes.media.PhotoIntake;
import org.gridintake.routes.media.PhotoProblem;
import org.gridintake.routes.media.PhotoRejectedException;
import org.gridintake.routes.media.PhotoStore;
import org.gridintake.routes.media.StoredPhoto;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.multipart.PartEvent;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

/**
 * Photos in and out. The field app uploads photos here before it files the reports that
 * name them (it may be offline in between); every photo is then served under its content
 * hash, so its URL never changes what it shows and can be cached for good.
 */
@RestController
class PhotoController {

	private static final Logger log = LoggerFactory.getLogger(PhotoController.class);

	private static final CacheControl FOREVER = CacheControl.maxAge(java.time.Duration.ofDays(365))
		.cachePublic()
		.immutable();

	private final PhotoIntake photos;

	private final PhotoStore store;

	private final MultipartForms forms;

	private final MeterRegistry meters;

	PhotoController(PhotoIntake photos, PhotoStore store, MediaProperties media, MeterRegistry meters) {
		this.photos = photos;
		this.store = store;
		this.forms = new MultipartForms(media.maxPhotoSize().toBytes(), media.maxRequestSize().toBytes());
		this.meters = meters;
	}

	/**
	 * Stores 1 to the limit of photos sent as {@code media} parts. The same photo sent
	 * again is the same photo: same id, same URL, nothing stored twice.
	 */
	@PostMapping(path = "/api/v1/photos", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	Mono<ResponseEntity<Object>> upload(@RequestBody(required = false) Flux<PartEvent> parts,
			ServerWebExchange exchange) {
		return this.forms
			.read((parts != null) ? parts : Flux.empty(), exchange.getRequest().getHeaders().getContentLength())
			.map((form) -> {
				if (!form.fields().isEmpty()) {
					String field = form.fields().keySet().iterator().next();
					throw new MultipartForms.Refused(HttpStatus.BAD_REQUEST, field,
							"is not a known part; send photos as " + MultipartForms.PHOTO_PART);
				}
				if (form.photos().isEmpty()) {
					throw new MultipartForms.Refused(HttpStatus.BAD_REQUEST, MultipartForms.PHOTO_PART,
							"at least one photo is required");
				}
				return this.photos.check(form.photos(), MultipartForms.PHOTO_PART);
			})
			.flatMap((checked) -> Mono.fromCallable(() -> this.photos.store(checked))
				.subscribeOn(Schedulers.boundedElastic())
				.map(this::created)
				.onErrorResume((ex) -> {
					log.error("Photos could not be stored; the client is told to retry", ex);
					count("unavailable");
					return Mono.just(ApiErrors.unavailable("the photos could not be stored now; retry"));
				}))
			.onErrorResume(PhotoRejectedException.class, (ex) -> {
				count("rejected");
				return Mono.just(ApiErrors.of(MultipartForms.statusOf(ex),
						ex.problems().stream().map(PhotoProblem::error).toList()));
			})
			.onErrorResume(MultipartForms.Refused.class, (ex) -> {
				count("rejected");
				return Mono.just(ApiErrors.of(ex.status(), ex.field(), ex.getMessage()));
			});
	}

	/**
	 * A stored photo, under its id and the extension of its type; any other extension is
	 * not found, so a URL always says truly what it serves.
	 */
	@GetMapping("/media/{id}.{extension}")
	Mono<ResponseEntity<Object>> serve(@PathVariable String id, @PathVariable String extension,
			ServerWebExchange exchange) {
		ResponseEntity<Object> notFound = ApiErrors.of(HttpStatus.NOT_FOUND,
				List.of(new FieldError("photo", "no such photo")));
		Optional<MediaLinks.Named> named = MediaLinks.named(id, extension);
		if (named.isEmpty()) {
			return Mono.just(notFound);
		}
		String etag = "\"" + named.get().id() + "\"";
		// a photo never changes under its id: a client holding it only needs to know it
		// still exists
		boolean cached = exchange.getRequest().getHeaders().getIfNoneMatch().contains(etag);
		ImageType type = named.get().type();
		return Mono.fromCallable(() -> answer(id, type, cached))
			.subscribeOn(Schedulers.boundedElastic())
			.map((found) -> found.orElse(notFound));
	}

	/** Empty when the store has no such photo, or not of that type. */
	private Optional<ResponseEntity<Object>> answer(String id, ImageType type, boolean cached) {
		if (cached) {
			return this.store.find(id).filter((photo) -> photo.type() == type).map(this::notModified);
		}
		return this.store.load(id).filter((photo) -> photo.stored().type() == type).map(this::photo);
	}

	private ResponseEntity<Object> photo(Photo photo) {
		return ResponseEntity.ok()
			.contentType(MediaType.parseMediaType(photo.stored().type().mediaType()))
			.contentLength(photo.content().length)
			.eTag(photo.stored().id())
			.cacheControl(FOREVER)
			// the type was read from the content; a browser must not guess another
			.header("X-Content-Type-Options", "nosniff")
			.body(photo.content());
	}

	private ResponseEntity<Object> notModified(StoredPhoto photo) {
		return ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(photo.id()).cacheControl(FOREVER).build();
	}

	private ResponseEntity<Object> created(List<StoredPhoto> stored) {
		count("stored");
		List<Map<String, Object>> views = stored.stream().map(this::view).toList();
		return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("photos", views));
	}

	private Map<String, Object> view(StoredPhoto photo) {
		Map<String, Object> view = new LinkedHashMap<>();
		view.put("id", photo.id());
		view.put("url", this.photos.urlOf(photo));
		view.put("content_type", photo.type().mediaType());
		view.put("bytes", photo.bytes());
		return view;
	}

	private void count(String outcome) {
		this.meters.counter("gateway.photos", "outcome", outcome).increment();
	}

}
