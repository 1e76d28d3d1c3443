package org.gridintake.routes.casedraft;

/** What became of a status report about a case. */
public sealed interface StatusUpdateResult {

	enum Reason {

		/** No such case. */
		NOT_FOUND,
		/** The reporting platform does not hold this case. */
		NOT_YOURS,
		/** The move is not possible from the case's current status. */
		CONFLICT,
		/** The report itself is malformed. */
		INVALID

	}

	record Applied(CaseNumber caseNumber, CaseStatus status, int textsQueued) implements StatusUpdateResult {
	}

	record Unchanged(CaseNumber caseNumber, CaseStatus status) implements StatusUpdateResult {
	}

	record Refused(Reason reason, String message) implements StatusUpdateResult {
	}

}
