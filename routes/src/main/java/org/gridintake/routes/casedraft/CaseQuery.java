package org.gridintake.routes.casedraft;

import java.time.Instant;
import java.util.Set;

/**
 * Which cases a public listing wants, newest first.
 *
 * @param receivedFrom the earliest receipt time included
 * @param receivedTo the latest receipt time included
 * @param categoryCodes only these categories; empty for any
 * @param statuses only cases now in one of these; empty for any
 * @param limit at most this many
 */
public record CaseQuery(Instant receivedFrom, Instant receivedTo, Set<String> categoryCodes, Set<CaseStatus> statuses,
		int limit) {

	public CaseQuery {
		if (receivedFrom == null || receivedTo == null) {
			throw new IllegalArgumentException("a listing is bounded in time");
		}
		if (limit < 1) {
			throw new IllegalArgumentException("limit must be positive");
		}
		categoryCodes = Set.copyOf(categoryCodes);
		statuses = Set.copyOf(statuses);
	}

}
