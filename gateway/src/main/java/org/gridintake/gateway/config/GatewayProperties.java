package org.gridintake.gateway.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.gridintake.routes.casedraft.CaseStatus;
import org.gridintake.routes.geo.GridLevel;
import org.gridintake.routes.routing.PlatformProtocol;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Everything an operator sets, bound and checked once at start-up; a wrong value stops
 * the gateway with a message naming it, instead of failing on the first report.
 *
 * @param configDir the city's data: grids, taxonomy, platforms, SMS templates
 * @param serviceDistrict the district code the gateway serves; unlocated cases go to its
 * triage
 * @param caseNumberPrefixes district code → the letters case numbers start with
 * @param zone the local time zone of case-number dates and quiet hours
 */
@Validated
@ConfigurationProperties("gateway")
public record GatewayProperties(@NotNull Path configDir, @NotBlank String serviceDistrict,
		@NotEmpty Map<String, @Pattern(regexp = "[A-Z]{1,6}") String> caseNumberPrefixes, @NotNull ZoneId zone,
		@Valid @NotNull Dedup dedup, @Valid @NotNull Forward forward, @Valid @NotNull Sms sms,
		@Valid @NotNull Smpp smpp, @Valid @NotNull Redis redis, @Valid @NotEmpty List<Platform> platforms,
		@Valid @NotNull Callbacks callbacks, @Valid @NotNull Admin admin, @Valid @NotNull Geo geo,
		@Valid @NotNull StatusPolling statusPolling) {

	/**
	 * @param tickMs how often the poller looks for cases due; each platform's own
	 * interval decides how often one case is asked about
	 * @param batchSize cases claimed per platform and tick
	 */
	public record StatusPolling(@Min(1) long tickMs, @Min(1) int batchSize) {
	}

	/**
	 * @param minConfidence below this a place found in words does not locate a case; it
	 * goes to triage and the resident is asked
	 * @param addressMismatchMeters a point and an address further apart than this are
	 * flagged on the case
	 * @param registryCheckInterval how often the grid registry file is checked for a new
	 * version
	 */
	public record Geo(
			@jakarta.validation.constraints.DecimalMin("0.0") @jakarta.validation.constraints.DecimalMax("1.0") double minConfidence,
			@jakarta.validation.constraints.Positive double addressMismatchMeters,
			@NotNull Duration registryCheckInterval) {
	}

	/**
	 * @param channelRefTtl how long a channel's own reference is remembered in Redis
	 * @param contentRefTtl how long a content-derived reference is: a retry comes within
	 * minutes, a second report of the same thing may come days later
	 */
	public record Dedup(@NotNull Duration channelRefTtl, @NotNull Duration contentRefTtl) {
	}

	public record Retry(@Min(1) int maxAttempts, @NotNull Duration initialBackoff, @NotNull Duration maxBackoff) {
	}

	public record Forward(@Min(1) long pollIntervalMs, @Min(1) int batchSize, @NotNull Duration lease,
			@NotNull Duration connectTimeout, @NotNull Duration requestTimeout, @Valid @NotNull Retry retry,
			@Min(1) int circuitFailures, @NotNull Duration circuitOpenFor) {
	}

	/**
	 * @param templates progress texts per status
	 * @param replies answers to residents' texts, by reply key
	 * @param partsTimeout how long the parts of a long message are waited for before it
	 * is filed as partial
	 * @param redeliveryWindow how long the same part from the same sender counts as a
	 * redelivery
	 * @param addressWindow how long a resident asked for an address has to answer
	 * @param surveyWindow how long after closure a rating is accepted
	 * @param maxReportsPerDay new reports one number may file in 24 hours
	 * @param inboxWorkers stored texts acted on at once, one resident's always in order
	 * @param maxTextsPerNumberPerDay progress texts one number gets per local day; more
	 * wait for the next day (replies to the resident's own messages are not counted)
	 * @param inboxLease how long residents' messages claimed from the inbox are held by
	 * the instance acting on them; acting on one twice files and answers it once, so it
	 * can be short, and a batch caught by a database outage is taken up again this soon
	 * after
	 */
	public record Sms(@Min(1) long pollIntervalMs, @Min(1) int batchSize, @NotNull Duration lease,
			@Valid @NotNull Retry retry, @NotEmpty Map<CaseStatus, @NotBlank String> templates,
			@NotEmpty Map<String, @NotBlank String> replies, @Min(1) long inboxPollIntervalMs,
			@Min(1) long partsCheckIntervalMs, @NotNull Duration partsTimeout, @NotNull Duration redeliveryWindow,
			@NotNull Duration addressWindow, @NotNull Duration surveyWindow, @Min(1) int maxReportsPerDay,
			@Valid @NotNull QuietHoursWindow quietHours, @Min(1) int maxTextsPerNumberPerDay,
			@Min(1) @jakarta.validation.constraints.Max(64) int inboxWorkers, @NotNull Duration inboxLease) {
	}

	/** Progress texts decided between start and end (local time) wait until end. */
	public record QuietHoursWindow(@NotNull java.time.LocalTime start, @NotNull java.time.LocalTime end) {
	}

	/**
	 * The SMSC links. The top-level host, port, system id, password and bind mode
	 * describe one bind; {@code binds} lists several instead (say a receiver and a
	 * transmitter, or two transceivers), each taking the top-level values for what it
	 * leaves out.
	 *
	 * @param windowSize outstanding submit_sm per bind
	 * @param maxSubmitsPerSecond per bind, as the carrier contract allows
	 * @param maxDeliveriesInProgress deliveries stored at once before the SMSC is
	 * throttled
	 */
	public record Smpp(@NotBlank String host, @Min(1) int port, @NotBlank String systemId, String password,
			String systemType, @NotBlank String sourceAddress, @Min(0) int sourceTon, @Min(0) int sourceNpi,
			@NotBlank String bindMode, @Valid List<Bind> binds, @Min(1) int windowSize,
			@jakarta.validation.constraints.Positive double maxSubmitsPerSecond, @Min(1) int maxDeliveriesInProgress,
			@NotNull Duration enquireLinkInterval, @NotNull Duration reconnectInitialBackoff,
			@NotNull Duration reconnectMaxBackoff, @NotNull Duration submitTimeout) {

		/** One more link to the SMSC; what it leaves out comes from the top level. */
		public record Bind(String host, Integer port, String systemId, String password, @NotBlank String bindMode) {
		}

	}

	public record Redis(@NotBlank String uri, @NotNull Duration commandTimeout) {
	}

	/**
	 * @param receivesReporterContact whether this platform may see reporters' full
	 * numbers; others get them masked
	 * @param callbackSecret the shared secret its status callbacks are signed with
	 * @param type {@code json} (the default) or {@code open311}: GeoReport v2, with
	 * {@code cases-url} the base {@code requests.json} is under
	 * @param apiKey the {@code api_key} an Open311 platform expects, from the environment
	 * @param serviceCodes category code → the platform's service code (default: the
	 * category code)
	 * @param statusPolling set for a platform that cannot call back: its open cases'
	 * status is fetched every interval
	 * @param statusMap the platform's status words → the gateway's statuses
	 */
	public record Platform(@NotBlank String id, @NotBlank String name, @NotNull GridLevel level,
			@NotBlank @Pattern(regexp = "\\d{6,15}") String areaCode, @NotNull URI casesUrl,
			boolean receivesReporterContact, @NotBlank String callbackSecret, PlatformProtocol.Type type, String apiKey,
			Map<String, @NotBlank String> serviceCodes, @Valid Polling statusPolling,
			Map<String, @NotNull CaseStatus> statusMap) {

		/** How the gateway reads this platform's wire format. */
		public PlatformProtocol protocol() {
			return new PlatformProtocol((this.type != null) ? this.type : PlatformProtocol.Type.JSON,
					(this.apiKey != null && !this.apiKey.isBlank()) ? this.apiKey : null, this.serviceCodes,
					(this.statusPolling != null) ? this.statusPolling.interval() : null, this.statusMap);
		}

		/**
		 * @param interval how often each open case is asked about
		 */
		public record Polling(@NotNull Duration interval) {
		}

	}

	/**
	 * @param maxSkew how old (or far in the future) a signed callback may be
	 */
	public record Callbacks(@NotNull Duration maxSkew) {
	}

	/**
	 * @param token the bearer token operators send to the admin API; there is no default,
	 * so a deployment without one does not start
	 */
	public record Admin(@NotBlank @Size(min = 16) String token) {
	}

}
