package org.gridintake.gateway.web;

import java.time.Clock;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.gridintake.routes.console.ConsoleLookups;
import org.gridintake.routes.console.PlaceQuery;
import org.gridintake.routes.intake.InvalidReportException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The look-ups of the hotline operator console: where an address lands, and which open
 * cases of the same kind are near it.
 */
@RestController
class ConsoleController {

	private static final Logger log = LoggerFactory.getLogger(ConsoleController.class);

	private final ConsoleLookups lookups;

	private final Clock clock;

	ConsoleController(ConsoleLookups lookups, Clock clock) {
		this.lookups = lookups;
		this.clock = clock;
	}

	@GetMapping("/api/v1/console/resolve")
	Mono<ResponseEntity<Object>> resolve(@RequestParam(required = false) String address,
			@RequestParam(required = false) String lon, @RequestParam(required = false) String lat,
			@RequestParam(required = false) String crs) {
		return answer(() -> ConsoleViews
			.resolution(this.lookups.resolve(PlaceQuery.parse(address, lon, lat, crs), this.clock.instant())));
	}

	@GetMapping("/api/v1/console/nearby")
	Mono<ResponseEntity<Object>> nearby(@RequestParam(required = false) String address,
			@RequestParam(required = false) String lon, @RequestParam(required = false) String lat,
			@RequestParam(required = false) String crs, @RequestParam(required = false) String category,
			@RequestParam(name = "radius_m", required = false) String radius) {
		return answer(() -> ConsoleViews.nearby(
				this.lookups.nearby(PlaceQuery.parse(address, lon, lat, crs), category, radius, this.clock.instant())));
	}

	/** Off the event loop: geocoding and the database block. */
	private static Mono<ResponseEntity<Object>> answer(Supplier<Object> lookup) {
		return Mono.fromSupplier(() -> {
			try {
				return ResponseEntity.ok(lookup.get());
			}
			catch (InvalidReportException ex) {
				return ApiErrors.of(HttpStatus.BAD_REQUEST, ex.errors());
			}
		}).subscribeOn(Schedulers.boundedElastic()).onErrorResume((ex) -> {
			log.error("A console look-up failed", ex);
			return Mono.just(ApiErrors.unavailable("the look-up failed; retry"));
		});
	}

}
