package org.gridintake.gateway.config;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The city's figures as Prometheus metrics.
 *
 * @param metricsWindowDays the metrics cover the cases received in this many days up to
 * today
 * @param metricsRefresh how often the metrics are recomputed; a scrape only reads the
 * last values, it never queries the database
 */
@Validated
@ConfigurationProperties("gateway.figures")
public record FiguresProperties(@Min(1) @Max(366) int metricsWindowDays, @NotNull Duration metricsRefresh) {

	public FiguresProperties {
		if (metricsRefresh != null && metricsRefresh.compareTo(Duration.ofSeconds(1)) < 0) {
			throw new IllegalArgumentException("gateway.figures.metrics-refresh must be at least 1s");
		}
	}

}
