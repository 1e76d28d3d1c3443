package org.gridintake.routes.pipeline;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteConfigurationBuilder;
import org.gridintake.routes.intake.IntakeResult;
import org.gridintake.routes.intake.InvalidReportException;
import org.gridintake.routes.intake.ReportLimitExceededException;

/**
 * The error policies, declared once; each route opts into one by id.
 * <ul>
 * <li>{@value #INTAKE}: an invalid report becomes a {@link IntakeResult.Rejected} answer;
 * anything else (a database that is down) goes back to the channel unhandled, so the
 * sender is told to retry and nothing is acknowledged that was not stored.</li>
 * <li>{@value #OUTBOX}: a poll or send that fails is logged and the outbox item stays
 * leased, so it is picked up again when its lease runs out; nothing is dropped.</li>
 * </ul>
 */
public class ErrorPolicies extends RouteConfigurationBuilder {

	private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ErrorPolicies.class);

	public static final String INTAKE = "intake-errors";

	public static final String OUTBOX = "outbox-errors";

	@Override
	public void configuration() {
		routeConfiguration(INTAKE).onException(InvalidReportException.class)
			.handled(true)
			.process(ErrorPolicies::toRejected)
			.end()
			.onException(ReportLimitExceededException.class)
			.handled(true)
			.process(ErrorPolicies::toThrottled);

		routeConfiguration(OUTBOX).onException(Exception.class).handled(true).process(ErrorPolicies::logRootCause);
	}

	/**
	 * Camel wraps what went wrong; an operator needs the innermost cause to act on it.
	 */
	private static void logRootCause(Exchange exchange) {
		Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
		Throwable root = cause;
		while (root != null && root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		log.warn("{} failed, will retry: {}", exchange.getFromRouteId(), (root != null) ? root : "unknown", cause);
	}

	private static void toThrottled(Exchange exchange) {
		ReportLimitExceededException limit = exchange.getProperty(Exchange.EXCEPTION_CAUGHT,
				ReportLimitExceededException.class);
		exchange.getMessage().setBody(new IntakeResult.Throttled(limit.getMessage(), limit.retryAfter()));
	}

	private static void toRejected(Exchange exchange) {
		InvalidReportException invalid = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, InvalidReportException.class);
		exchange.getMessage().setBody(new IntakeResult.Rejected(invalid.errors()));
	}

}
