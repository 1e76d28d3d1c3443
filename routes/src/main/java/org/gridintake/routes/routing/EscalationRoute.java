package org.gridintake.routes.routing;

import org.apache.camel.builder.RouteBuilder;
import org.gridintake.routes.pipeline.Endpoints;
import org.gridintake.routes.pipeline.ErrorPolicies;

/**
 * Holds platforms to their service levels: cases not accepted in time are escalated,
 * cases not resolved in time get their platform a reminder. Each instance checks on its
 * own; the store skips cases another instance holds.
 */
public class EscalationRoute extends RouteBuilder {

	private final Rerouter rerouter;

	public EscalationRoute(Rerouter rerouter) {
		this.rerouter = rerouter;
	}

	@Override
	public void configure() {
		from("scheduler:service-levels?delay={{gateway.routing.escalation-check-interval-ms}}")
			.routeId(Endpoints.ESCALATION_ROUTE)
			.routeConfigurationId(ErrorPolicies.OUTBOX)
			.bean(this.rerouter, "escalateOverdue")
			.bean(this.rerouter, "remindOverdue");
	}

}
