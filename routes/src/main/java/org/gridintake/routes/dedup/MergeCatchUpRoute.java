package org.gridintake.routes.dedup;

import org.apache.camel.builder.RouteBuilder;

import org.gridintake.routes.pipeline.Endpoints;
import org.gridintake.routes.pipeline.ErrorPolicies;

/** Keeps the open-case index in step with PostgreSQL, on every instance. */
public class MergeCatchUpRoute extends RouteBuilder {

	private final MergeCatchUp catchUp;

	public MergeCatchUpRoute(MergeCatchUp catchUp) {
		this.catchUp = catchUp;
	}

	@Override
	public void configure() {
		from("scheduler:merge-catch-up?delay={{gateway.merge.catch-up-interval-ms}}")
			.routeId(Endpoints.MERGE_CATCH_UP_ROUTE)
			.routeConfigurationId(ErrorPolicies.OUTBOX)
			.bean(this.catchUp, "run");
	}

}
