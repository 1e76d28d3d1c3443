package org.gridintake.gateway.access;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.gridintake.gateway.config.AccessProperties;

/**
 * The configured clients by key. Keys are looked up by their SHA-256, so how long a
 * lookup takes tells nothing about a key.
 */
final class ClientKeys {

	private static final Logger log = LoggerFactory.getLogger(ClientKeys.class);

	/** A client as the filters need it. */
	record Client(String id, ClientRole role, double requestsPerSecond, int burst) {
	}

	private final Map<String, Client> byKeyHash = new HashMap<>();

	ClientKeys(AccessProperties access) {
		for (AccessProperties.Client client : access.clients()) {
			if (client.key() == null || client.key().isBlank()) {
				log.warn("Client '{}' has no key: its requests are refused", client.id());
				continue;
			}
			Client known = new Client(client.id(), client.role(), client.requestsPerSecond(), client.burst());
			if (this.byKeyHash.put(sha256(client.key()), known) != null) {
				throw new IllegalStateException("gateway.access.clients: two clients share the key of " + client.id());
			}
		}
	}

	Optional<Client> find(String key) {
		return Optional.ofNullable(this.byKeyHash.get(sha256(key)));
	}

	private static String sha256(String key) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("every JVM has SHA-256", ex);
		}
	}

}
