package org.gridintake.gateway.web;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.gridintake.gateway.config.GatewayProperties;
import org.gridintake.routes.dedup.MergeCatchUp;
import org.gridintake.routes.forward.ForwardQueue;
import org.gridintake.routes.intake.FieldError;
import org.gridintake.routes.notify.SmsQueue;
import org.gridintake.routes.sms.SmsInbox;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * For operations staff: how much waits in the outboxes, and putting dead-lettered items
 * back once the cause is fixed. Requires the admin bearer token.
 */
@RestController
class AdminController {

	private static final Logger log = LoggerFactory.getLogger(AdminController.class);

	/** How far back the SMS messages of a number go when the caller does not say. */
	private static final Duration MESSAGES_DEFAULT_SPAN = Duration.ofDays(7);

	private final ForwardQueue forwards;

	private final SmsQueue texts;

	private final AdminToken token;

	private final MergeCatchUp merges;

	private final SmsInbox inbox;

	AdminController(ForwardQueue forwards, SmsQueue texts, MergeCatchUp merges, SmsInbox inbox,
			GatewayProperties properties) {
		this.forwards = forwards;
		this.texts = texts;
		this.merges = merges;
		this.inbox = inbox;
		this.token = new AdminToken(properties.admin().token());
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

	/**
	 * What became of the texts one number sent: the case each filed or answered. The
	 * replay command follows its SMS reports this way; the number is a resident's, so
	 * only operations staff may ask.
	 */
	@GetMapping("/api/v1/admin/sms/messages")
	Mono<ResponseEntity<Object>> smsMessages(@RequestParam(name = "sender", required = false) String sender,
			@RequestParam(name = "since", required = false) String since,
			@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String auth) {
		ResponseEntity<Object> refused = this.token.refusal(auth);
		if (refused != null) {
			return Mono.just(refused);
		}
		List<FieldError> errors = new ArrayList<>();
		String number = (sender != null) ? sender.strip() : "";
		if (!number.matches("\\+?\\d{3,20}")) {
			errors.add(new FieldError("sender", "must be the sender's number as delivered (digits, optional +)"));
		}
		Instant from = Instant.now().minus(MESSAGES_DEFAULT_SPAN);
		if (since != null && !since.isBlank()) {
			try {
				from = OffsetDateTime.parse(since.strip()).toInstant();
			}
			catch (DateTimeParseException ex) {
				errors.add(new FieldError("since", "must be an ISO-8601 date-time with offset"));
			}
		}
		if (!errors.isEmpty()) {
			return Mono.just(ApiErrors.of(HttpStatus.BAD_REQUEST, errors));
		}
		Instant start = from;
		return authorised(auth,
				() -> Map.of("messages", this.inbox.messagesFrom(number, start).stream().map((message) -> {
					Map<String, Object> view = new LinkedHashMap<>();
					view.put("received_at", message.receivedAt().toString());
					view.put("text", message.text());
					view.put("state", message.state());
					view.put("outcome", message.outcome());
					view.put("case_number", message.caseNumber());
					return view;
				}).toList()));
	}

	private Mono<ResponseEntity<Object>> authorised(String auth, Supplier<Object> action) {
		ResponseEntity<Object> refused = this.token.refusal(auth);
		if (refused != null) {
			return Mono.just(refused);
		}
		return Mono.fromCallable(() -> ResponseEntity.ok(action.get())).subscribeOn(Schedulers.boundedElastic());
	}

}
