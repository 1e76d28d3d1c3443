package org.gridintake.routes.field;

import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.gridintake.routes.intake.IntakeResult;
import org.gridintake.routes.intake.InvalidReportException;
import org.gridintake.routes.pipeline.Endpoints;
import org.gridintake.routes.pipeline.ErrorPolicies;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Field-visit batches from grid workers' phone apps: check the envelope (a problem there
 * refuses the batch as a {@link IntakeResult.Rejected}), then hand each report on its own
 * to the shared intake pipeline. One report's problem, or a failure to store it, never
 * holds back the others; the body that comes back is a {@link FieldBatchOutcome}.
 */
public class FieldVisitIntakeRoute extends RouteBuilder {

	private static final Logger log = LoggerFactory.getLogger(FieldVisitIntakeRoute.class);

	static final String ITEM = "gridintakeFieldItem";

	private static final String WORKER = "gridintakeFieldWorker";

	private static final String FILED_BEFORE = "gridintakeFiledBefore";

	/**
	 * Shared by the reports of one batch: once storing one has failed, the rest are not
	 * tried. With the database down each would wait out the connection timeout, and the
	 * app would give up on the whole answer long before a hundred reports were through.
	 */
	private static final String STORE_FAILED = "gridintakeFieldStoreFailed";

	private final FieldReportMapper mapper;

	private final EarlierUploads earlierUploads;

	public FieldVisitIntakeRoute(FieldReportMapper mapper, EarlierUploads earlierUploads) {
		this.mapper = mapper;
		this.earlierUploads = earlierUploads;
	}

	@Override
	public void configure() {
		from(Endpoints.FIELD_INTAKE).routeId(Endpoints.FIELD_INTAKE_ROUTE)
			.routeConfigurationId(ErrorPolicies.INTAKE)
			.bean(this.mapper, "batch")
			.setProperty(WORKER)
			.body(FieldBatch.class, (batch) -> batch.worker().id())
			.process((exchange) -> exchange.setProperty(STORE_FAILED, new AtomicBoolean()))
			.split()
			.body(FieldBatch.class, FieldBatch::items)
			.aggregationStrategy(new FieldItemResults())
			.setProperty(ITEM, body())
			.choice()
			.when(FieldVisitIntakeRoute::storeFailedEarlier)
			.process(FieldVisitIntakeRoute::notTried)
			.otherwise()
			.doTry()
			.setProperty(FILED_BEFORE, method(this.earlierUploads, "filedBefore"))
			.choice()
			.when(exchangeProperty(FILED_BEFORE).isNotNull())
			.setBody(exchangeProperty(FILED_BEFORE))
			.otherwise()
			.bean(this.mapper, "toInbound")
			.to(Endpoints.INTAKE)
			.end()
			.endDoTry()
			.doCatch(InvalidReportException.class)
			.process(FieldVisitIntakeRoute::rejected)
			.doCatch(Exception.class)
			.process(FieldVisitIntakeRoute::toRetry)
			.end()
			.end()
			.end()
			.process(FieldVisitIntakeRoute::logBatch);
	}

	private static void rejected(Exchange exchange) {
		InvalidReportException invalid = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, InvalidReportException.class);
		exchange.getMessage().setBody(new IntakeResult.Rejected(invalid.errors()));
	}

	private static void toRetry(Exchange exchange) {
		FieldItem item = exchange.getProperty(ITEM, FieldItem.class);
		Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
		log.warn("Field report {} (client id {}) from {} could not be stored; it and the rest of the batch are to be"
				+ " sent again", item.index(), item.clientId(), item.worker().id(), cause);
		exchange.getProperty(STORE_FAILED, AtomicBoolean.class).set(true);
		exchange.getMessage().setBody(ItemOutcome.retry(item));
	}

	private static boolean storeFailedEarlier(Exchange exchange) {
		return exchange.getProperty(STORE_FAILED, AtomicBoolean.class).get();
	}

	private static void notTried(Exchange exchange) {
		exchange.getMessage().setBody(ItemOutcome.retry(exchange.getProperty(ITEM, FieldItem.class)));
	}

	private static void logBatch(Exchange exchange) {
		FieldBatchOutcome outcome = exchange.getMessage().getBody(FieldBatchOutcome.class);
		if (outcome != null && !outcome.items().isEmpty()) {
			log.info("Field batch from {} of {} reports: {} accepted, {} duplicate, {} rejected, {} to send again",
					exchange.getProperty(WORKER), outcome.items().size(), outcome.count(ItemOutcome.Outcome.ACCEPTED),
					outcome.count(ItemOutcome.Outcome.DUPLICATE), outcome.count(ItemOutcome.Outcome.REJECTED),
					outcome.count(ItemOutcome.Outcome.RETRY));
		}
	}

}
