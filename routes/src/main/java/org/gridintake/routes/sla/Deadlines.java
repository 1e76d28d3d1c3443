package org.gridintake.routes.sla;

import java.time.Instant;

/**
 * When the platform that has a case must accept and resolve it.
 *
 * @param acceptDue acceptance is overdue after this
 * @param resolveDue resolution is overdue after this
 */
public record Deadlines(Instant acceptDue, Instant resolveDue) {
}
