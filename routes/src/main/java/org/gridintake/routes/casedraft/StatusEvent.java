package org.gridintake.routes.casedraft;

import java.time.Instant;

/**
 * One step in a case's history.
 *
 * @param status the status the case entered
 * @param at when
 * @param source who moved it: {@code gateway}, {@code platform:<id>}, {@code resident}
 * @param note a human-readable reason
 */
public record StatusEvent(CaseStatus status, Instant at, String source, String note) {

	public static final String GATEWAY = "gateway";

	public static String platform(String platformId) {
		return "platform:" + platformId;
	}

}
