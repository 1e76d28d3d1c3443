package org.gridintake.routes.field;

import org.apache.camel.AggregationStrategy;
import org.apache.camel.Exchange;
import org.gridintake.routes.intake.IntakeResult;

/**
 * Gathers the outcome of each report of a batch into one {@link FieldBatchOutcome}. A
 * report whose processing failed in a way the route did not turn into an answer is one to
 * send again: it was not stored, and it must not fail the reports around it.
 */
class FieldItemResults implements AggregationStrategy {

	@Override
	public Exchange aggregate(Exchange collected, Exchange processed) {
		FieldItem item = processed.getProperty(FieldVisitIntakeRoute.ITEM, FieldItem.class);
		Object body = processed.getMessage().getBody();
		ItemOutcome outcome;
		if (processed.getException() != null || item == null) {
			outcome = (item != null) ? ItemOutcome.retry(item) : null;
			processed.setException(null);
		}
		else if (body instanceof ItemOutcome given) {
			outcome = given;
		}
		else if (body instanceof IntakeResult result) {
			outcome = ItemOutcome.of(item, result);
		}
		else {
			outcome = ItemOutcome.retry(item);
		}
		FieldBatchOutcome sofar = (collected != null) ? collected.getMessage().getBody(FieldBatchOutcome.class)
				: FieldBatchOutcome.NONE;
		Exchange into = (collected != null) ? collected : processed;
		into.getMessage().setBody((outcome != null) ? sofar.with(outcome) : sofar);
		return into;
	}

}
