package org.gridintake.routes.casedraft;

import java.util.Locale;

/** The ways a report reaches the gateway. */
public enum Channel {

	SMS, HOTLINE, PORTAL, FIELD;

	public String code() {
		return name().toLowerCase(Locale.ROOT);
	}

	public static Channel fromCode(String code) {
		return valueOf(code.trim().toUpperCase(Locale.ROOT));
	}

}
