package org.gridintake.gateway.access;

import java.util.Optional;
import java.util.Set;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ServerWebExchange;

/**
 * A form-encoded or multipart Open311 request may carry its key as the spec's
 * {@code api_key} field, which only the endpoint reading the body can see. The access
 * filter lets such a request through with this attached, and the endpoint checks the key
 * before it stores anything.
 */
public final class DeferredCredential {

	static final String ATTRIBUTE = "gridintake.deferred-credential";

	private final ClientKeys keys;

	private final Set<ClientRole> allowed;

	DeferredCredential(ClientKeys keys, Set<ClientRole> allowed) {
		this.keys = keys;
		this.allowed = Set.copyOf(allowed);
	}

	/** Why a request must be refused, named as its api_key field. */
	public record Refusal(HttpStatus status, String message) {
	}

	/**
	 * @param apiKey the request's {@code api_key} field, null when absent
	 * @return empty when the request may go on
	 */
	public static Optional<Refusal> check(ServerWebExchange exchange, String apiKey) {
		DeferredCredential deferred = exchange.getAttribute(ATTRIBUTE);
		if (deferred == null) {
			// the filter found a key in the headers, or the endpoint needs none
			return Optional.empty();
		}
		if (apiKey == null || apiKey.isBlank()) {
			return Optional.of(new Refusal(HttpStatus.UNAUTHORIZED,
					"api_key: an API key is required (the api_key field, or Authorization: Bearer <key>)"));
		}
		Optional<ClientKeys.Client> client = deferred.keys.find(apiKey.strip());
		if (client.isEmpty()) {
			return Optional.of(new Refusal(HttpStatus.FORBIDDEN, "api_key: is not a valid API key"));
		}
		if (!deferred.allowed.contains(client.get().role())) {
			return Optional.of(new Refusal(HttpStatus.FORBIDDEN, "api_key: this client may not file service requests"));
		}
		exchange.getAttributes().put(ClientAuthenticationFilter.CLIENT_ATTRIBUTE, client.get().id());
		return Optional.empty();
	}

}
