package org.gridintake.gateway.web;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.gridintake.gateway.config.GatewayProperties;
import org.gridintake.routes.figures.CityFigures;
import org.gridintake.routes.figures.Figures;
import org.gridintake.routes.figures.FiguresRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The figures the city asks of grid management, for a period and per platform, street or
 * community. Requires the admin bearer token.
 */
@RestController
class FiguresController {

	private final CityFigures figures;

	private final AdminToken token;

	private final GatewayProperties properties;

	private final Clock clock;

	FiguresController(CityFigures figures, GatewayProperties properties, Clock clock) {
		this.figures = figures;
		this.properties = properties;
		this.clock = clock;
		this.token = new AdminToken(properties.admin().token());
	}

	@GetMapping("/api/v1/admin/figures")
	Mono<ResponseEntity<Object>> figures(@RequestParam(required = false) String from,
			@RequestParam(required = false) String to, @RequestParam(required = false) String by,
			@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String auth) {
		ResponseEntity<Object> refused = this.token.refusal(auth);
		if (refused != null) {
			return Mono.just(refused);
		}
		FiguresRequest.Result request = FiguresRequest.read(from, to, by, this.properties.zone(), this.clock.instant());
		if (!request.errors().isEmpty()) {
			return Mono.just(ApiErrors.of(HttpStatus.BAD_REQUEST, request.errors()));
		}
		return Mono.fromCallable(() -> ResponseEntity.ok((Object) body(this.figures.compute(request.query()))))
			.subscribeOn(Schedulers.boundedElastic());
	}

	private static Map<String, Object> body(Figures figures) {
		Map<String, Object> period = new LinkedHashMap<>();
		period.put("from", figures.query().from().toString());
		period.put("to", figures.query().to().toString());
		period.put("zone", figures.query().zone().getId());
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("period", period);
		body.put("by", figures.query().by().code());
		body.put("rows", figures.rows());
		body.put("total", figures.total());
		return body;
	}

}
