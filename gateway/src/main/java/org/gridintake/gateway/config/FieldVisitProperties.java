package org.gridintake.gateway.config;

import java.nio.file.Path;
import java.time.Duration;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMin;

import org.gridintake.routes.field.FieldVisitRules;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * The field-visit channel: batches grid workers' phone apps upload after a visit, often
 * hours later when the phone is back online.
 *
 * @param workersFile the registry of grid workers and their assigned communities
 * @param maxReportsPerBatch reports one upload may hold; an app with more sends several
 * @param maxBatchSize the largest upload body taken; larger ones get 413 unread
 * @param maxReportAge how long after it was taken on the phone a report is still filed
 * @param maxFutureSkew how far ahead of the gateway's clock a phone's clock may run
 */
@Validated
@ConfigurationProperties("gateway.field-visits")
public record FieldVisitProperties(@NotNull Path workersFile, @Min(1) @Max(1000) int maxReportsPerBatch,
		@NotNull DataSize maxBatchSize, @NotNull @DurationMin(minutes = 1) Duration maxReportAge,
		@NotNull @DurationMin(seconds = 0) Duration maxFutureSkew) {

	private static final DataSize SMALLEST_BATCH = DataSize.ofKilobytes(1);

	private static final DataSize LARGEST_BATCH = DataSize.ofMegabytes(64);

	/** Bean Validation reads this as the property {@code maxBatchSizeWithinLimits}. */
	@AssertTrue(message = "max-batch-size must be between 1KB and 64MB")
	public boolean isMaxBatchSizeWithinLimits() {
		return this.maxBatchSize == null || (this.maxBatchSize.compareTo(SMALLEST_BATCH) >= 0
				&& this.maxBatchSize.compareTo(LARGEST_BATCH) <= 0);
	}

	public FieldVisitRules rules() {
		return new FieldVisitRules(this.maxReportsPerBatch, this.maxReportAge, this.maxFutureSkew);
	}

}
