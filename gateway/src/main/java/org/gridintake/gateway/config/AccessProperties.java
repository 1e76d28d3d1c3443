package org.gridintake.gateway.config;

import java.time.Duration;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;

import org.gridintake.gateway.access.ClientRole;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Who may call the HTTP intake, how often, and how large a request may be.
 *
 * @param clients every calling system, each with its own key
 * @param reportsPerNumber new reports one reporter number may file per window through the
 * web and hotline channels
 * @param reportsPerNumberWindow the length of that window
 * @param maxRequestSize requests declaring a larger body are refused before it is read;
 * each endpoint has its own smaller limit too
 * @param publicOpen311Reads whether Open311 services and requests may be read without a
 * key, as the GeoReport v2 spec expects of public front ends
 */
@Validated
@ConfigurationProperties("gateway.access")
public record AccessProperties(@Valid @NotEmpty List<Client> clients, @Min(1) int reportsPerNumber,
		@NotNull Duration reportsPerNumberWindow, @NotNull DataSize maxRequestSize, boolean publicOpen311Reads) {

	/**
	 * One calling system.
	 *
	 * @param id a name for logs and metrics
	 * @param role what it may do
	 * @param key its API key, sent as {@code Authorization: Bearer <key>}; blank disables
	 * the client, so a city that has no field app leaves its key unset
	 * @param requestsPerSecond its sustained request rate
	 * @param burst how many requests it may send at once above that rate
	 */
	public record Client(@NotBlank @Pattern(regexp = "[a-z0-9-]{1,40}") String id, @NotNull ClientRole role,
			@Pattern(regexp = "|.{24,}", message = "must be blank (disabled) or at least 24 characters") String key,
			@Positive double requestsPerSecond, @Min(1) int burst) {
	}

}
