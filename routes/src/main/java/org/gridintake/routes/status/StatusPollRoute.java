package org.gridintake.routes.status;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.gridintake.routes.pipeline.Endpoints;
import org.gridintake.routes.pipeline.ErrorPolicies;

/**
 * Polls the platforms that cannot call back; a case that moved goes the callbacks' way,
 * through {@link Endpoints#PLATFORM_STATUS}.
 */
public class StatusPollRoute extends RouteBuilder {

	private final StatusPoller poller;

	public StatusPollRoute(StatusPoller poller) {
		this.poller = poller;
	}

	@Override
	public void configure() {
		from("scheduler:status-poll?delay={{gateway.status-polling.tick-ms}}&greedy=true")
			.routeId(Endpoints.STATUS_POLL_ROUTE)
			.routeConfigurationId(ErrorPolicies.OUTBOX)
			.bean(this.poller, "claimBatch")
			.setProperty(Exchange.SCHEDULER_POLLED_MESSAGES, simple("${body.size} > 0", Boolean.class))
			.split(body())
			.bean(this.poller, "poll")
			.filter(body().isNotNull())
			.to(Endpoints.PLATFORM_STATUS);
	}

}
