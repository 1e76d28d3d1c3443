package org.gridintake.routes.sms;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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

	private final int workers;

	private final Duration lease;

	private final Duration partsTimeout;

	/**
	 * @param workers messages acted on at once; one sender's messages are always taken
	 * one after another, in the order they came, since a reply may answer the message
	 * before
	 */
	public SmsInboxRoute(SmsInbox inbox, SmsDialogue dialogue, int batchSize, int workers, Duration lease,
			Duration partsTimeout) {
		this.inbox = inbox;
		this.dialogue = dialogue;
		this.batchSize = batchSize;
		this.workers = workers;
		this.lease = lease;
		this.partsTimeout = partsTimeout;
	}

	/** The claimed messages, one list per sender, each in the order they were claimed. */
	static Collection<List<InboxMessage>> bySender(List<InboxMessage> claimed) {
		Map<String, List<InboxMessage>> senders = new LinkedHashMap<>();
		for (InboxMessage message : claimed) {
			senders.computeIfAbsent(message.sender(), (sender) -> new ArrayList<>()).add(message);
		}
		return senders.values();
	}

	@Override
	public void configure() {
		// synchronous: the next poll waits until every text of this one is acted on;
		// otherwise a greedy poll fires again while the parallel split is still running
		// (CAMEL-17162), and one resident's texts are acted on side by side
		from("scheduler:sms-inbox?delay={{gateway.sms.inbox-poll-interval-ms}}&greedy=true&synchronous=true")
			.routeId(Endpoints.SMS_INBOX_POLL_ROUTE)
			.routeConfigurationId(ErrorPolicies.OUTBOX)
			.process((exchange) -> {
				List<InboxMessage> claimed = this.inbox.claimReady(this.batchSize, this.lease);
				exchange.getMessage().setBody(bySender(claimed));
				exchange.setProperty(Exchange.SCHEDULER_POLLED_MESSAGES, !claimed.isEmpty());
			})
			.split(body())
			.parallelProcessing()
			.executorService(getCamelContext().getExecutorServiceManager()
				.newFixedThreadPool(this, "sms-inbox-worker", this.workers))
			.split(body())
			.to(Endpoints.SMS_MESSAGE)
			.end()
			.end();

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
