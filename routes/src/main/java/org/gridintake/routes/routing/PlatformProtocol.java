package org.gridintake.routes.routing;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.gridintake.routes.casedraft.CaseStatus;

/**
 * How the gateway talks to one platform: the wire format its cases are posted in, and
 * whether its status changes have to be fetched because it cannot call back.
 *
 * @param type the wire format
 * @param apiKey the key an Open311 platform expects with every request, null when none
 * @param serviceCodes category code → the platform's own service code; a category not
 * listed is sent under its own code
 * @param pollInterval how often the status of each open case is fetched; null for a
 * platform that calls back
 * @param statusMap the platform's status words (lower case) → the gateway's status; a
 * word not listed is, for JSON platforms, read as the gateway's own status code, and for
 * Open311 platforms ignored (only {@code closed} is standard)
 */
public record PlatformProtocol(Type type, String apiKey, Map<String, String> serviceCodes, Duration pollInterval,
		Map<String, CaseStatus> statusMap) {

	/** The wire formats there is a client for. */
	public enum Type {

		/** The gateway's own JSON case, with an Idempotency-Key. */
		JSON,
		/** Open311 GeoReport v2, as FixMyStreet's open311-adapter speaks it. */
		OPEN311

	}

	public PlatformProtocol {
		Objects.requireNonNull(type, "type");
		serviceCodes = (serviceCodes != null) ? Map.copyOf(serviceCodes) : Map.of();
		java.util.Map<String, CaseStatus> words = new java.util.HashMap<>();
		if (type == Type.OPEN311) {
			words.put("closed", CaseStatus.CLOSED);
		}
		if (statusMap != null) {
			statusMap.forEach((word, status) -> words.put(word.toLowerCase(Locale.ROOT), status));
		}
		statusMap = Map.copyOf(words);
		if (pollInterval != null && (pollInterval.isNegative() || pollInterval.isZero())) {
			throw new IllegalArgumentException("pollInterval must be positive");
		}
	}

	/** Today's behaviour: JSON posts, status by callback. */
	public static PlatformProtocol json() {
		return new PlatformProtocol(Type.JSON, null, Map.of(), null, Map.of());
	}

	public boolean polled() {
		return this.pollInterval != null;
	}

	/** The platform's service code for a category. */
	public String serviceCode(String categoryCode) {
		return (categoryCode != null) ? this.serviceCodes.getOrDefault(categoryCode, categoryCode) : null;
	}

	/** The gateway status a platform's status word stands for, if any. */
	public Optional<CaseStatus> statusFor(String word) {
		if (word == null || word.isBlank()) {
			return Optional.empty();
		}
		CaseStatus mapped = this.statusMap.get(word.trim().toLowerCase(Locale.ROOT));
		if (mapped != null) {
			return Optional.of(mapped);
		}
		return (this.type == Type.JSON) ? CaseStatus.fromCode(word) : Optional.empty();
	}

}
