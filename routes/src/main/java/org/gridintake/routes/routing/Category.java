package org.gridintake.routes.routing;

import java.util.List;

import org.gridintake.routes.geo.GridLevel;

/**
 * One taxonomy entry.
 *
 * @param code e.g. {@code 0101}
 * @param name e.g. {@code 路灯故障}
 * @param kind {@code component} (部件) or {@code event} (事件)
 * @param level the lowest level that normally handles it
 * @param keywords words residents use for it
 */
public record Category(String code, String name, String kind, GridLevel level, List<String> keywords) {

	public Category {
		keywords = List.copyOf(keywords);
	}

}
