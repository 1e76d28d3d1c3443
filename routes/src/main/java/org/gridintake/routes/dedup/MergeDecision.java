package org.gridintake.routes.dedup;

/** What the merge step made of a report. */
public sealed interface MergeDecision {

	/** No open master matches: the report opens a case of its own. */
	record NewMaster() implements MergeDecision {
	}

	/** The report is another report of an open master. */
	record DuplicateOf(OpenCase master, MergeEvidence evidence) implements MergeDecision {
	}

	/** Never to be merged automatically: it has no category or no point. */
	record NotMergeable(String reason) implements MergeDecision {
	}

	/**
	 * Not decidable now (the index is away): the report is stored as a case of its own
	 * and decided again when the index is back.
	 */
	record Deferred(String reason) implements MergeDecision {
	}

}
