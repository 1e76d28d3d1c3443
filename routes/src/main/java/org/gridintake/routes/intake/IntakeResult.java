package org.gridintake.routes.intake;

import java.util.List;

import org.gridintake.routes.casedraft.CaseNumber;

/** What the pipeline made of a report: the answer a channel gives its sender. */
public sealed interface IntakeResult {

	/**
	 * Stored durably as a new case.
	 *
	 * @param located whether it was placed in a unit grid; an unlocated case waits in
	 * triage, and the resident may be asked where it is
	 * @param mergedInto the open case it was found to be another report of, whose
	 * progress the reporter now follows; null for a case of its own
	 */
	record Accepted(CaseNumber caseNumber, boolean located, CaseNumber mergedInto) implements IntakeResult {

		public Accepted(CaseNumber caseNumber, boolean located) {
			this(caseNumber, located, null);
		}

	}

	/** The same report arrived before; nothing new was stored. */
	record Duplicate(CaseNumber caseNumber) implements IntakeResult {
	}

	/**
	 * Refused for now: the reporter's number filed too many reports recently; nothing was
	 * stored.
	 */
	record Throttled(String message, java.time.Duration retryAfter) implements IntakeResult {
	}

	/**
	 * Stored as a linked duplicate of an open case: the reporter follows that case.
	 *
	 * @param master the case the report was attached to, the number the reporter is given
	 * @param caseNumber the report's own case
	 * @param repeat whether this was a repeated delivery that stored nothing new
	 */
	record Attached(CaseNumber master, CaseNumber caseNumber, boolean repeat) implements IntakeResult {
	}

	/** Not acceptable as sent; nothing was stored. */
	record Rejected(List<FieldError> errors) implements IntakeResult {

		public Rejected {
			errors = List.copyOf(errors);
		}

	}

}
