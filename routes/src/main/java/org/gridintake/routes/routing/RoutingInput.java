package org.gridintake.routes.routing;

import org.gridintake.routes.casedraft.Channel;
import org.gridintake.routes.geo.GridChain;

/**
 * What routing looks at.
 *
 * @param categoryCode null when uncategorised
 * @param chain the located grid chain, null when unlocated
 * @param triageArea for an unlocated case, the street its words point to; else null
 * @param text the report's text (for urgent words), may be null
 * @param channel how it arrived, may be null
 */
public record RoutingInput(String categoryCode, GridChain chain, GridChain triageArea, String text, Channel channel) {

	public boolean unlocated() {
		return this.chain == null;
	}

	/** The narrowest code known of where the case is, for a rule's area. */
	String areaCode() {
		if (this.chain != null) {
			return this.chain.grid().code();
		}
		return (this.triageArea != null) ? this.triageArea.street().code() : null;
	}

}
