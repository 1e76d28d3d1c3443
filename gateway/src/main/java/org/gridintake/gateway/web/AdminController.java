package org.gridintake.gateway.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.gridintake.gateway.config.GatewayProperties;
import org.gridintake.routes.dedup.MergeCatchUp;
import org.gridintake.routes.forward.ForwardQueue;
import org.gridintake.routes.notify.SmsQueue;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * For operations staff: how much waits in the outboxes, and putting dead-lettered items
 * back once the cause is fixed. Requires the admin bearer token.
 */
@RestController
class AdminController {

	private static final Logger log = LoggerFactory.getLogger(AdminController.class);

	private final ForwardQueue forwards;

	private final SmsQueue texts;

	private final byte[] token;

	private final MergeCatchUp merges;

	AdminController(ForwardQueue forwards, SmsQueue texts, MergeCatchUp merges, GatewayProperties properties) {
		this.forwards = forwards;
		this.texts = texts;
		this.merges = merges;
		this.token = ("Bearer " + properties.admin().token()).getBytes(StandardCharsets.UTF_8);
	}

	@GetMapping("/api/v1/admin/outboxes")
	Mono<ResponseEntity<Object>> outboxes(
			@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String auth) {
		return authorised(auth, () -> Map.of("forward", this.forwards.counts(), "sms", this.texts.counts()));
	}

	@PostMapping("/api/v1/admin/outboxes/{outbox}/replay")
	Mono<ResponseEntity<Object>> replay(@PathVariable String outbox,
			@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String auth) {
		Supplier<Integer> replay = switch (outbox) {
			case "forward" -> this.forwards::replayDeadLetters;
			case "sms" -> this.texts::replayDeadLetters;
			default -> null;
		};
		if (replay == null) {
			return Mono.just(ApiErrors.of(HttpStatus.NOT_FOUND, "outbox", "must be forward or sms"));
		}
		return authorised(auth, () -> {
			int replayed = replay.get();
			log.info("Operator replayed {} dead {} item(s)", replayed, outbox);
			return Map.of("replayed", replayed);
		});
	}

	/**
	 * Rebuilds the open-case merge index from PostgreSQL, e.g. after Redis lost its data.
	 */
	@PostMapping("/api/v1/admin/merge-index/rebuild")
	Mono<ResponseEntity<Object>> rebuildMergeIndex(
			@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String auth) {
		return authorised(auth, () -> {
			int open = this.merges.rebuild();
			log.info("Operator rebuilt the merge index: {} open cases", open);
			return Map.of("open_cases", open);
		});
	}

	private Mono<ResponseEntity<Object>> authorised(String auth, Supplier<Object> action) {
		if (auth == null || auth.isBlank()) {
			return Mono
				.just(ApiErrors.of(HttpStatus.UNAUTHORIZED, HttpHeaders.AUTHORIZATION, "a bearer token is required"));
		}
		if (!MessageDigest.isEqual(this.token, auth.trim().getBytes(StandardCharsets.UTF_8))) {
			return Mono.just(ApiErrors.of(HttpStatus.FORBIDDEN, HttpHeaders.AUTHORIZATION, "is not the admin token"));
		}
		return Mono.fromCallable(() -> ResponseEntity.ok(action.get())).subscribeOn(Schedulers.boundedElastic());
	}

}
