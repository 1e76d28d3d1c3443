package org.gridintake.gateway.config;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How many reports the HTTP channels file at once.
 *
 * @param workers reports filed at once; about half the database pool: more only adds
 * contention
 * @param queued reports waiting for a worker; beyond it a report is refused with 503 and
 * Retry-After. Each holds its body (portal: up to 64 KB) while it waits.
 */
@Validated
@ConfigurationProperties("gateway.intake")
public record IntakeProperties(@Min(1) @Max(256) int workers, @Min(1) @Max(100_000) int queued) {
}
