package org.gridintake.routes.status;

import java.time.Instant;

/**
 * A platform telling the gateway that a case moved, as it arrived (not yet validated).
 *
 * @param platformId the platform, as authenticated by the callback
 * @param caseNumber the gateway's case number
 * @param status the new status code, e.g. {@code DISPATCHED}
 * @param note the platform's remark, shown to operators and, for some statuses, residents
 * @param platformCaseId the platform's own id for the case, when it tells one
 * @param occurredAt when it happened on the platform, null for now
 * @param residentMustAct for a 回退 (RETURNED): the platform needs something from the
 * reporter, who is texted and the case waits; otherwise the case is routed on and no
 * resident is bothered with an internal hand-over
 */
public record PlatformStatusReport(String platformId, String caseNumber, String status, String note,
		String platformCaseId, Instant occurredAt, boolean residentMustAct) {

	public PlatformStatusReport(String platformId, String caseNumber, String status, String note, String platformCaseId,
			Instant occurredAt) {
		this(platformId, caseNumber, status, note, platformCaseId, occurredAt, false);
	}

}
