package org.gridintake.routes.forward;

import java.time.Instant;

/**
 * A notice to a platform about one of its cases.
 *
 * @param kind {@code withdrawal} (the case was escalated past the platform) or
 * {@code reminder} (it is overdue for resolution)
 * @param caseNumber the gateway's case number
 * @param platformCaseId the platform's own id, when it gave one
 * @param reason why, in words an operator there can act on
 * @param at when the gateway decided
 */
public record PlatformNotice(String kind, String caseNumber, String platformCaseId, String reason, Instant at) {
}
