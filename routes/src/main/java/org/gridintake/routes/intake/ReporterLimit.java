package org.gridintake.routes.intake;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.gridintake.routes.casedraft.Channel;
import org.gridintake.routes.casedraft.Mobile;

/**
 * Caps how many new reports one number may file per window through the web and hotline
 * channels, so one script or one prank caller cannot bury the platforms. SMS keeps its
 * own daily rule, answered by text; reports without a number are capped per client
 * instead. Repeat deliveries never reach this step, so a retry costs nothing.
 */
public class ReporterLimit {

	private static final Logger log = LoggerFactory.getLogger(ReporterLimit.class);

	private final ReporterQuota quota;

	private final int maxReports;

	private final Duration window;

	private final Set<Channel> exempt;

	private final Clock clock;

	/**
	 * @param maxReports new reports one number may file per window
	 * @param window the length of a window; windows are fixed, aligned to the epoch
	 * @param exempt channels with a rule of their own
	 */
	public ReporterLimit(ReporterQuota quota, int maxReports, Duration window, Set<Channel> exempt, Clock clock) {
		this.quota = quota;
		this.maxReports = maxReports;
		this.window = window;
		this.exempt = Set.copyOf(exempt);
		this.clock = clock;
	}

	public IntakeWork admit(IntakeWork work) {
		InboundReport report = work.report();
		if (this.exempt.contains(report.channel()) || report.reporter().contact().isEmpty()) {
			return work;
		}
		Mobile mobile = report.reporter().contact().get();
		Instant now = this.clock.instant();
		long windowMillis = this.window.toMillis();
		Instant windowStart = Instant.ofEpochMilli(now.toEpochMilli() / windowMillis * windowMillis);
		long count;
		try {
			count = this.quota.countOneMore(mobile, windowStart, this.window);
		}
		catch (RuntimeException ex) {
			log.warn("Reports per number not counted for {}: {}; the report is let through", mobile, ex.toString());
			return work;
		}
		if (count > this.maxReports) {
			Duration retryAfter = Duration.between(now, windowStart.plus(this.window));
			log.info("{} has filed {} reports this window, over the limit of {}", mobile, count, this.maxReports);
			throw new ReportLimitExceededException("this number has filed " + this.maxReports
					+ " reports recently; try again later or call the hotline", retryAfter);
		}
		return work;
	}

}
