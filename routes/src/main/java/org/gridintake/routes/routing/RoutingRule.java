package org.gridintake.routes.routing;

import org.gridintake.routes.casedraft.Channel;
import org.gridintake.routes.geo.GridLevel;

/**
 * One entry of the city's routing rules: conditions (all given ones must hold) and a
 * target (a platform, or a level whose covering platform is taken).
 *
 * @param position the entry's place in the file, from 1
 * @param name what the city calls the rule, may be null
 * @param category a category code, or null for any
 * @param area a grid-hierarchy code (district, street, community or grid) the case must
 * lie in, or null for anywhere
 * @param channel a channel, or null for any
 * @param unlocated true or false to match only unlocated or located cases, null for both
 * @param urgent true or false to match only urgent or only normal reports, null for both
 * @param platformId the platform to send to, or null when a level is given
 * @param level the level whose covering platform takes the case, or null when a platform
 * is given
 * @param raiseWhenUrgent whether an urgent report goes one level up; null for the file's
 * default
 */
public record RoutingRule(int position, String name, String category, String area, Channel channel, Boolean unlocated,
		Boolean urgent, String platformId, GridLevel level, Boolean raiseWhenUrgent) {

	boolean matches(RoutingInput input, boolean isUrgent) {
		if (this.category != null && !this.category.equals(input.categoryCode())) {
			return false;
		}
		if (this.area != null) {
			String code = input.areaCode();
			if (code == null || !code.startsWith(this.area)) {
				return false;
			}
		}
		if (this.channel != null && this.channel != input.channel()) {
			return false;
		}
		if (this.unlocated != null && this.unlocated != input.unlocated()) {
			return false;
		}
		return this.urgent == null || this.urgent == isUrgent;
	}

	/** How the rule is named in a case's history: position, name and conditions. */
	public String describe() {
		StringBuilder text = new StringBuilder("rule ").append(this.position);
		if (this.name != null) {
			text.append(" \"").append(this.name).append('"');
		}
		java.util.List<String> conditions = new java.util.ArrayList<>();
		if (this.category != null) {
			conditions.add("category " + this.category);
		}
		if (this.area != null) {
			conditions.add("in " + this.area);
		}
		if (this.channel != null) {
			conditions.add("channel " + this.channel.code());
		}
		if (this.unlocated != null) {
			conditions.add(this.unlocated ? "unlocated" : "located");
		}
		if (this.urgent != null) {
			conditions.add(this.urgent ? "urgent" : "not urgent");
		}
		if (!conditions.isEmpty()) {
			text.append(" (").append(String.join(", ", conditions)).append(')');
		}
		return text.toString();
	}

}
