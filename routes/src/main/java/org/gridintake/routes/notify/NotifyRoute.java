package org.gridintake.routes.notify;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.gridintake.routes.pipeline.Endpoints;
import org.gridintake.routes.pipeline.ErrorPolicies;

/** Drains the SMS outbox the same way the forwarding outbox is drained. */
public class NotifyRoute extends RouteBuilder {

	private final Notifier notifier;

	public NotifyRoute(Notifier notifier) {
		this.notifier = notifier;
	}

	@Override
	public void configure() {
		from("scheduler:sms-outbox?delay={{gateway.sms.poll-interval-ms}}&greedy=true")
			.routeId(Endpoints.NOTIFY_POLL_ROUTE)
			.routeConfigurationId(ErrorPolicies.OUTBOX)
			.bean(this.notifier, "claimBatch")
			.setProperty(Exchange.SCHEDULER_POLLED_MESSAGES, simple("${body.size} > 0", Boolean.class))
			.split(body())
			.to(Endpoints.NOTIFY_ONE);

		from(Endpoints.NOTIFY_ONE).routeId(Endpoints.NOTIFY_ROUTE)
			.routeConfigurationId(ErrorPolicies.OUTBOX)
			.bean(this.notifier, "send");
	}

}
