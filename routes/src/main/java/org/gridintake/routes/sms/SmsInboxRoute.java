package org.gridintake.routes.sms;

import java.time.Duration;
import java.util.List;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.gridintake.routes.pipeline.Endpoints;
import org.gridintake.routes.pipeline.ErrorPolicies;

/**
 * Acts on stored messages: claim whole messages from the inbox and hand each to the
 * dialogue; join the parts of long messages whose missing parts never came.
 */
public class SmsInboxRoute extends RouteBuilder {

	private final SmsInbox inbox;

	private final SmsDialogue dialogue;

	private final int batchSize;

	private final Duration lease;

	private final Duration partsTimeout;

	public SmsInboxRoute(SmsInbox inbox, SmsDialogue dialogue, int batchSize, Duration lease, Duration partsTimeout) {
		this.inbox = inbox;
		this.dialogue = dialogue;
		this.batchSize = batchSize;
		this.lease = lease;
		this.partsTimeout = partsTimeout;
	}

	@Override
	public void configure() {
		from("scheduler:sms-inbox?delay={{gateway.sms.inbox-poll-interval-ms}}&greedy=true")
			.routeId(Endpoints.SMS_INBOX_POLL_ROUTE)
			.routeConfigurationId(ErrorPolicies.OUTBOX)
			.process((exchange) -> {
				List<InboxMessage> claimed = this.inbox.claimReady(this.batchSize, this.lease);
				exchange.getMessage().setBody(claimed);
				exchange.setProperty(Exchange.SCHEDULER_POLLED_MESSAGES, !claimed.isEmpty());
			})
			.split(body())
			.to(Endpoints.SMS_MESSAGE);

		from(Endpoints.SMS_MESSAGE).routeId(Endpoints.SMS_MESSAGE_ROUTE)
			.routeConfigurationId(ErrorPolicies.OUTBOX)
			.bean(this.dialogue, "handle");

		from("scheduler:sms-parts?delay={{gateway.sms.parts-check-interval-ms}}").routeId(Endpoints.SMS_PARTS_ROUTE)
			.routeConfigurationId(ErrorPolicies.OUTBOX)
			.process((exchange) -> exchange.getMessage().setBody(this.inbox.assembleOverdue(this.partsTimeout)))
			.filter(simple("${body} > 0"))
			.log("Joined ${body} long message(s) whose missing parts never came; filed as partial");
	}

}
