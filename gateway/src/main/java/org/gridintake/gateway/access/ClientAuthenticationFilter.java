package org.gridintake.gateway.access;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.gridintake.gateway.config.AccessProperties;
import org.gridintake.routes.open311.Open311Error;
import org.gridintake.routes.open311.Open311Formats;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * The door of every HTTP endpoint: a request without a key gets 401, a key that is not
 * allowed there gets 403, a client over its rate gets 429, and a body declared larger
 * than the gateway takes gets 413, all before anything is read or stored. Keys are
 * compared by their SHA-256, so how long a comparison takes tells nothing about a key.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class ClientAuthenticationFilter implements WebFilter {

	/** The exchange attribute naming the authenticated client. */
	public static final String CLIENT_ATTRIBUTE = "gridintake.client";

	private static final Logger log = LoggerFactory.getLogger(ClientAuthenticationFilter.class);

	private final AccessRules rules;

	private final ClientKeys keys;

	private final ClientRateLimiter limiter = new ClientRateLimiter(System::nanoTime);

	private final long maxRequestBytes;

	private final ObjectMapper json;

	private final Open311Formats open311;

	private final MeterRegistry meters;

	ClientAuthenticationFilter(AccessProperties access, ObjectMapper json, MeterRegistry meters) {
		this.rules = new AccessRules(access.publicOpen311Reads());
		this.keys = new ClientKeys(access);
		this.maxRequestBytes = access.maxRequestSize().toBytes();
		this.json = json;
		this.open311 = new Open311Formats(json);
		this.meters = meters;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		ServerHttpRequest request = exchange.getRequest();
		AccessRules.Requirement requirement = this.rules.requirement(request.getMethod(),
				request.getPath().pathWithinApplication().value());
		if (!(requirement instanceof AccessRules.Requirement.AnyOf allowed)) {
			return tooLarge(request) ? refuse(exchange, HttpStatus.PAYLOAD_TOO_LARGE, "body",
					"must be at most " + this.maxRequestBytes + " bytes") : chain.filter(exchange);
		}
		Optional<String> presented = credential(request);
		if (presented.isEmpty() && mayCarryApiKeyField(request)) {
			exchange.getAttributes()
				.put(DeferredCredential.ATTRIBUTE, new DeferredCredential(this.keys, allowed.roles()));
			return tooLarge(request) ? refuse(exchange, HttpStatus.PAYLOAD_TOO_LARGE, "body",
					"must be at most " + this.maxRequestBytes + " bytes") : chain.filter(exchange);
		}
		if (presented.isEmpty()) {
			exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"gridintake\"");
			return refuse(exchange, HttpStatus.UNAUTHORIZED, HttpHeaders.AUTHORIZATION,
					"an API key is required: send Authorization: Bearer <key>");
		}
		ClientKeys.Client client = this.keys.find(presented.get()).orElse(null);
		if (client == null) {
			return refuse(exchange, HttpStatus.FORBIDDEN, HttpHeaders.AUTHORIZATION, "is not a valid API key");
		}
		if (!allowed.roles().contains(client.role())) {
			return refuse(exchange, HttpStatus.FORBIDDEN, HttpHeaders.AUTHORIZATION,
					"this client may not use " + request.getMethod() + " " + request.getPath().value());
		}
		Duration wait = this.limiter.take(client.id(), client.requestsPerSecond(), client.burst());
		if (!wait.isZero()) {
			this.meters.counter("gateway.access.throttled", "client", client.id()).increment();
			exchange.getResponse()
				.getHeaders()
				.set(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, (wait.toMillis() + 999) / 1000)));
			return refuse(exchange, HttpStatus.TOO_MANY_REQUESTS, "", "too many requests from this client; slow down");
		}
		if (tooLarge(request)) {
			return refuse(exchange, HttpStatus.PAYLOAD_TOO_LARGE, "body",
					"must be at most " + this.maxRequestBytes + " bytes");
		}
		exchange.getAttributes().put(CLIENT_ATTRIBUTE, client.id());
		return chain.filter(exchange);
	}

	/**
	 * Only a bearer token or an {@code api_key} query parameter, as Open311 clients send
	 * it.
	 */
	private static Optional<String> credential(ServerHttpRequest request) {
		String authorization = request.getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
		if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
				&& !authorization.substring(7).isBlank()) {
			return Optional.of(authorization.substring(7).strip());
		}
		String apiKey = request.getHeaders().getFirst("X-Api-Key");
		if (apiKey == null) {
			apiKey = request.getQueryParams().getFirst("api_key");
		}
		return (apiKey == null || apiKey.isBlank()) ? Optional.empty() : Optional.of(apiKey.strip());
	}

	/** Open311 posts forms, and the spec puts the key among the form's fields. */
	private static boolean mayCarryApiKeyField(ServerHttpRequest request) {
		MediaType type = request.getHeaders().getContentType();
		return HttpMethod.POST.equals(request.getMethod()) && request.getPath().value().startsWith("/open311/")
				&& type != null && (MediaType.APPLICATION_FORM_URLENCODED.isCompatibleWith(type)
						|| MediaType.MULTIPART_FORM_DATA.isCompatibleWith(type));
	}

	private boolean tooLarge(ServerHttpRequest request) {
		return request.getHeaders().getContentLength() > this.maxRequestBytes;
	}

	private Mono<Void> refuse(ServerWebExchange exchange, HttpStatus status, String field, String message) {
		String path = exchange.getRequest().getPath().value();
		ServerHttpResponse response = exchange.getResponse();
		response.setStatusCode(status);
		String body;
		if (path.startsWith("/open311/")) {
			// Open311 clients parse the spec's error list, in the format they asked for
			List<Open311Error> errors = List
				.of(new Open311Error(status.value(), (field.isEmpty() ? "" : field + ": ") + message));
			boolean xml = path.endsWith(".xml");
			response.getHeaders()
				.setContentType(xml ? MediaType.parseMediaType("text/xml;charset=UTF-8") : MediaType.APPLICATION_JSON);
			body = xml ? Open311Formats.errorsXml(errors) : this.open311.errorsJson(errors);
		}
		else {
			response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
			body = json(Map.of("errors", List.of(Map.of("field", field, "message", message))));
		}
		this.meters.counter("gateway.access.refused", "status", Integer.toString(status.value())).increment();
		return response.writeWith(Mono.just(response.bufferFactory().wrap(body.getBytes(StandardCharsets.UTF_8))));
	}

	private String json(Object value) {
		try {
			return this.json.writeValueAsString(value);
		}
		catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
			throw new IllegalStateException("maps of strings always serialise", ex);
		}
	}

}
