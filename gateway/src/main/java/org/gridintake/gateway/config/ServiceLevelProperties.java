package org.gridintake.gateway.config;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import java.util.Set;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The service levels platforms are held to.
 *
 * @param accept time to accept a forwarded case
 * @param resolveWorkingDays working days to resolve it
 * @param byCategory overrides keyed by category code, or {@code <code>/<level>}
 * @param workingDays the days that count towards resolution
 * @param holidays dates that do not count although they fall on a working day
 */
@Validated
@ConfigurationProperties("gateway.service-levels")
public record ServiceLevelProperties(@NotNull Duration accept, @Min(1) int resolveWorkingDays,
		Map<String, @Valid CategoryTarget> byCategory, @NotEmpty Set<DayOfWeek> workingDays, Set<LocalDate> holidays) {

	public ServiceLevelProperties {
		byCategory = (byCategory != null) ? Map.copyOf(byCategory) : Map.of();
		holidays = (holidays != null) ? Set.copyOf(holidays) : Set.of();
	}

	/** One category's (or one category and level's) own targets. */
	public record CategoryTarget(@NotNull Duration accept, @Min(1) int resolveWorkingDays) {
	}

}
