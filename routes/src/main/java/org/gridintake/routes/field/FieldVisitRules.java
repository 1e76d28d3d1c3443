package org.gridintake.routes.field;

import java.time.Duration;
import java.util.Objects;

/**
 * What a field batch may hold.
 *
 * @param maxReportsPerBatch reports in one upload; an app with more sends several batches
 * @param maxReportAge how long after it was taken on the phone a report is still filed;
 * older ones are stale enough that the worker should check again
 * @param maxFutureSkew how far a phone's clock may run ahead of the gateway's
 */
public record FieldVisitRules(int maxReportsPerBatch, Duration maxReportAge, Duration maxFutureSkew) {

	public FieldVisitRules {
		if (maxReportsPerBatch < 1) {
			throw new IllegalArgumentException("a batch must be allowed at least one report");
		}
		Objects.requireNonNull(maxReportAge, "maxReportAge");
		Objects.requireNonNull(maxFutureSkew, "maxFutureSkew");
		if (maxReportAge.isNegative() || maxReportAge.isZero() || maxFutureSkew.isNegative()) {
			throw new IllegalArgumentException("the report age must be positive and the clock skew not negative");
		}
	}

}
