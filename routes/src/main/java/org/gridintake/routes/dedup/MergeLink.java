package org.gridintake.routes.dedup;

import java.util.UUID;

import org.gridintake.routes.casedraft.CaseNumber;

/**
 * A report linked to the master it duplicates, with why.
 *
 * @param masterId the master
 * @param masterNumber its case number, for the reporter's answer
 * @param evidence what the decision rested on, null when an operator linked it by hand
 * @param decidedBy {@code gateway}, or the operator who linked it
 */
public record MergeLink(UUID masterId, CaseNumber masterNumber, MergeEvidence evidence, String decidedBy) {
}
