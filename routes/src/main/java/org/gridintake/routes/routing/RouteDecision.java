package org.gridintake.routes.routing;

import org.gridintake.routes.geo.GridLevel;

/**
 * Which platform must handle a case, and why.
 *
 * @param platformId the platform the case is forwarded to
 * @param level the level that platform handles it at
 * @param areaCode the grid-hierarchy area the case was routed for
 * @param rule which rule decided, in words an operator can check
 * @param triage whether the case goes to a triage queue rather than to a handler
 * @param priority urgent when the report's words say so
 */
public record RouteDecision(String platformId, GridLevel level, String areaCode, String rule, boolean triage,
		Priority priority) {

	public RouteDecision {
		priority = (priority != null) ? priority : Priority.NORMAL;
	}

	public RouteDecision(String platformId, GridLevel level, String areaCode, String rule, boolean triage) {
		this(platformId, level, areaCode, rule, triage, Priority.NORMAL);
	}

	public RouteDecision withPriority(Priority given) {
		return new RouteDecision(this.platformId, this.level, this.areaCode, this.rule, this.triage, given);
	}

}
