package org.gridintake.gateway.config;

import java.nio.file.Path;
import java.time.Duration;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Routing rules and the service-level checks.
 *
 * @param rulesFile the city's routing rules ({@code config/routing-rules.yaml})
 * @param rulesCheckInterval how often the file is checked for changes; zero never
 * @param escalationCheckIntervalMs how often overdue acceptance and resolution are looked
 * for
 * @param escalationBatchSize at most this many cases a check
 */
@Validated
@ConfigurationProperties("gateway.routing")
public record RoutingProperties(@NotNull Path rulesFile, @NotNull Duration rulesCheckInterval,
		@Min(10) long escalationCheckIntervalMs, @Min(1) int escalationBatchSize) {
}
