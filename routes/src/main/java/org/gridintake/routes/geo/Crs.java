package org.gridintake.routes.geo;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The coordinate systems residents' map front ends send. Chinese web maps use GCJ-02
 * (most) or BD-09 (Baidu); GPS and the grid registry use WGS-84.
 */
public enum Crs {

	WGS84("wgs84"), GCJ02("gcj02"), BD09("bd09");

	private final String code;

	Crs(String code) {
		this.code = code;
	}

	public String code() {
		return this.code;
	}

	public static Optional<Crs> fromCode(String code) {
		if (code == null) {
			return Optional.empty();
		}
		String wanted = code.trim().toLowerCase(Locale.ROOT).replace("-", "");
		return Arrays.stream(values()).filter((crs) -> crs.code.equals(wanted)).findFirst();
	}

}
