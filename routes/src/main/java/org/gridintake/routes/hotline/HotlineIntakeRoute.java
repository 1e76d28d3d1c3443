package org.gridintake.routes.hotline;

import org.apache.camel.builder.RouteBuilder;
import org.gridintake.routes.pipeline.Endpoints;
import org.gridintake.routes.pipeline.ErrorPolicies;

/**
 * Hotline call logs: check the log's fields, then the shared intake pipeline; a call the
 * operator attached to an open case goes to the attach flow instead.
 */
public class HotlineIntakeRoute extends RouteBuilder {

	private final CallLogMapper mapper;

	public HotlineIntakeRoute(CallLogMapper mapper) {
		this.mapper = mapper;
	}

	@Override
	public void configure() {
		from(Endpoints.HOTLINE_INTAKE).routeId(Endpoints.HOTLINE_INTAKE_ROUTE)
			.routeConfigurationId(ErrorPolicies.INTAKE)
			.process((exchange) -> {
				CallLogSubmission submission = exchange.getMessage().getMandatoryBody(CallLogSubmission.class);
				exchange.getMessage()
					.setBody(this.mapper.toInbound(submission.log(), submission.rawBody(), submission.receivedAt()));
				this.mapper.attachTarget(submission.log())
					.ifPresent((master) -> exchange.getMessage().setHeader(HotlineAttachRoute.MASTER, master));
			})
			.choice()
			.when(header(HotlineAttachRoute.MASTER).isNotNull())
			.to(Endpoints.HOTLINE_ATTACH)
			.otherwise()
			.to(Endpoints.INTAKE)
			.end();
	}

	/** A call log as received: parsed, and verbatim. */
	public record CallLogSubmission(CallLog log, byte[] rawBody, java.time.Instant receivedAt) {
	}

}
