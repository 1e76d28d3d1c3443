package org.gridintake.routes.dedup;

/** An open master near a new report, and how far away it is. */
public record MergeCandidate(OpenCase openCase, double distanceMeters) {
}
