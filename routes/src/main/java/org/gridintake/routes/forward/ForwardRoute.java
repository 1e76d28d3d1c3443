package org.gridintake.routes.forward;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.gridintake.routes.pipeline.Endpoints;
import org.gridintake.routes.pipeline.ErrorPolicies;

/**
 * Drains the forwarding outbox: claim a batch of due items, send each to its platform.
 * While items keep coming the poll runs again at once; when the outbox is empty it waits
 * for the configured interval.
 */
public class ForwardRoute extends RouteBuilder {

	private final Forwarder forwarder;

	public ForwardRoute(Forwarder forwarder) {
		this.forwarder = forwarder;
	}

	@Override
	public void configure() {
		from("scheduler:forward-outbox?delay={{gateway.forward.poll-interval-ms}}&greedy=true")
			.routeId(Endpoints.FORWARD_POLL_ROUTE)
			.routeConfigurationId(ErrorPolicies.OUTBOX)
			.bean(this.forwarder, "claimBatch")
			.setProperty(Exchange.SCHEDULER_POLLED_MESSAGES, simple("${body.size} > 0", Boolean.class))
			// several platforms at once, so a slow one does not hold up the rest of the
			// batch
			.split(body())
			.parallelProcessing()
			.to(Endpoints.FORWARD_ONE);

		from(Endpoints.FORWARD_ONE).routeId(Endpoints.FORWARD_ROUTE)
			.routeConfigurationId(ErrorPolicies.OUTBOX)
			.bean(this.forwarder, "forward");
	}

}
