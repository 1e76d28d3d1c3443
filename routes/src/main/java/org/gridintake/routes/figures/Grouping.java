package org.gridintake.routes.figures;

import java.util.Locale;
import java.util.Optional;

/** What the rows of the figures are: one per platform, per street or per community. */
public enum Grouping {

	/**
	 * The platform that holds the case now (a duplicate counts with its master's);
	 * returns and escalations count against the platform that gave the case back or let
	 * it lapse.
	 */
	PLATFORM,

	/** The street the case was located in. */
	STREET,

	/** The community the case was located in. */
	COMMUNITY;

	public String code() {
		return name().toLowerCase(Locale.ROOT);
	}

	public static Optional<Grouping> fromCode(String code) {
		for (Grouping grouping : values()) {
			if (grouping.code().equals(code)) {
				return Optional.of(grouping);
			}
		}
		return Optional.empty();
	}

}
