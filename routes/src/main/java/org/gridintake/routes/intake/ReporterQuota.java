package org.gridintake.routes.intake;

import java.time.Duration;
import java.time.Instant;

import org.gridintake.routes.casedraft.Mobile;

/**
 * Port: counts reports per reporter number in fixed time windows, shared by every gateway
 * instance.
 */
public interface ReporterQuota {

	/**
	 * Counts one more report from {@code mobile} in the window starting at
	 * {@code windowStart}.
	 * @return the count in that window, this report included
	 * @throws RuntimeException when the counter cannot be reached; callers let the report
	 * through rather than refuse residents because a counter is down
	 */
	long countOneMore(Mobile mobile, Instant windowStart, Duration window);

}
