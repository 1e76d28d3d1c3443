package org.gridintake.routes.dedup;

import java.util.UUID;

import org.gridintake.routes.casedraft.CaseNumber;

/** An open master case as the merge index holds it. */
public record OpenCase(UUID caseId, CaseNumber caseNumber, MergeFeatures features) {
}
