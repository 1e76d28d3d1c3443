package org.gridintake.gateway.embedded;

import java.util.List;
import java.util.Map;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.context.annotation.Profile;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

/**
 * On the embedded default only: a resident's phone. The SMSC simulator delivers the text
 * to the gateway over the real SMPP bind, exactly as a carrier would; the answer shows
 * the deliver_sm_resp status of each part (0 means the gateway stored it).
 */
@RestController
@Profile(EmbeddedDefault.PROFILE)
class SimulatedPhoneController {

	@PostMapping("/embedded/sms")
	Mono<ResponseEntity<Object>> text(ServerWebExchange exchange) {
		return exchange.getFormData().publishOn(Schedulers.boundedElastic()).map((form) -> {
			String from = value(exchange, form, "from");
			String text = value(exchange, form, "text");
			String to = value(exchange, form, "to");
			if (from == null || text == null) {
				return ResponseEntity.badRequest()
					.<Object>body(Map.of("errors",
							List.of(Map.of("field", (from == null) ? "from" : "text", "message", "is required"))));
			}
			List<Integer> acks = EmbeddedDefault.simulator().deliver(from, (to != null) ? to : "12345", text);
			return ResponseEntity.status(HttpStatus.ACCEPTED).<Object>body(Map.of("deliver_sm_resp", acks));
		});
	}

	private static String value(ServerWebExchange exchange, MultiValueMap<String, String> form, String name) {
		String fromForm = form.getFirst(name);
		return (fromForm != null) ? fromForm : exchange.getRequest().getQueryParams().getFirst(name);
	}

}
