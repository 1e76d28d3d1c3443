package org.gridintake.gateway.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * When a report joins an open case instead of opening one, and how the text classifier
 * decides a category for texts that come without one.
 *
 * @param radiusMeters how near an open case of the same category must be
 * @param radiusByCategory category code → its own radius (waterlogging spreads further)
 * @param sameDoorSlackMeters how much further a report naming the same door plate may be
 * @param window how recently the open case must have been opened
 * @param windowByCategory category code → its own window
 * @param clockSkew tolerance for instances' clocks when ordering reports
 * @param vetoBelow text similarity below which two reports are different problems
 * @param maxCandidates nearest open cases considered per report
 * @param catchUpIntervalMs how often the index is checked against PostgreSQL
 * @param pendingHold how long a report stored while Redis was away waits for its merge
 * decision before it is forwarded as a case of its own
 * @param classifierThreshold below this confidence a text is left uncategorised for
 * triage rather than given a wrong category
 * @param classifierHistory labelled past reports the classifier learns from (JSON Lines
 * of {@code {"text", "category"}}), relative to the config directory
 */
@Validated
@ConfigurationProperties("gateway.merge")
public record MergeProperties(@Positive double radiusMeters, @NotNull Map<String, @Positive Double> radiusByCategory,
		@Min(0) double sameDoorSlackMeters, @NotNull Duration window, @NotNull Map<String, Duration> windowByCategory,
		@NotNull Duration clockSkew, @DecimalMin("0.0") @DecimalMax("1.0") double vetoBelow, @Min(1) int maxCandidates,
		@Min(100) long catchUpIntervalMs, @NotNull Duration pendingHold,
		@DecimalMin("0.0") @DecimalMax("1.0") double classifierThreshold, @NotNull Path classifierHistory) {

	public MergeProperties {
		radiusByCategory = (radiusByCategory != null) ? Map.copyOf(radiusByCategory) : Map.of();
		windowByCategory = (windowByCategory != null) ? Map.copyOf(windowByCategory) : Map.of();
	}

}
