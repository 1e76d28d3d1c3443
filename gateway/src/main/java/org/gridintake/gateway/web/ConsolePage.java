package org.gridintake.gateway.web;

import java.net.URI;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.WebFilter;

/**
 * Serves the operator console, static files under {@code static/console/}, at
 * {@code /console/}. Its pages may run only their own scripts and talk only to this
 * gateway: a case description that slipped into the page as markup could still do
 * nothing.
 */
@Configuration(proxyBeanMethods = false)
class ConsolePage {

	static final String PATH = "/console/";

	private static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
			+ "img-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

	private static final Resource INDEX = new ClassPathResource("static/console/index.html");

	@Bean
	RouterFunction<ServerResponse> consolePageRoutes() {
		return RouterFunctions
			.route(RequestPredicates.GET(PATH),
					(request) -> ServerResponse.ok()
						.contentType(MediaType.parseMediaType("text/html;charset=UTF-8"))
						.bodyValue(INDEX))
			.andRoute(RequestPredicates.GET("/console"),
					(request) -> ServerResponse.permanentRedirect(URI.create(PATH)).build());
	}

	@Bean
	WebFilter consolePageHeaders() {
		return (exchange, chain) -> {
			if (exchange.getRequest().getPath().value().startsWith(PATH)) {
				HttpHeaders headers = exchange.getResponse().getHeaders();
				headers.set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
				headers.set("X-Content-Type-Options", "nosniff");
				headers.set("Referrer-Policy", "no-referrer");
				// a new console version is picked up on the next load
				headers.set(HttpHeaders.CACHE_CONTROL, "no-cache");
			}
			return chain.filter(exchange);
		};
	}

}
