package org.gridintake.routes.geo;

import java.util.Locale;

/** The four levels of the grid hierarchy, from widest to narrowest. */
public enum GridLevel {

	DISTRICT, STREET, COMMUNITY, GRID;

	public String code() {
		return name().toLowerCase(Locale.ROOT);
	}

	public static GridLevel fromCode(String code) {
		return valueOf(code.trim().toUpperCase(Locale.ROOT));
	}

}
