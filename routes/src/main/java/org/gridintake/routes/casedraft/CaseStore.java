package org.gridintake.routes.casedraft;

import java.util.List;
import java.util.Optional;

/**
 * Port: the durable home of cases. Each method is one transaction; outbox rows written by
 * a method commit or vanish together with the case change that caused them.
 */
public interface CaseStore {

	/** A fresh serial for a case number; gaps are fine, repeats never happen. */
	long nextSerial();

	/**
	 * Stores a new case with its history, raw message and outbox rows in one transaction.
	 * When a case with the same channel reference is already stored, stores nothing and
	 * names that case.
	 */
	RecordOutcome record(NewCase newCase);

	Optional<CaseRecord> find(CaseNumber caseNumber);

	/**
	 * Locks the case, lets {@code transition} decide what changes, and writes that
	 * change, its history event and its texts in one transaction.
	 */
	StatusUpdateResult transition(CaseNumber caseNumber, StatusTransition transition);

	/**
	 * Cases received within the query's window, newest first, with their history. For
	 * public listings, which show no reporter's contact.
	 */
	List<CaseRecord> search(CaseQuery query);

	/** The reporter's latest cases, newest first. */
	List<CaseRecord> recentByReporter(Mobile mobile, int limit);

	/**
	 * Places a case that was unlocated: its point, grid, evidence and route change, the
	 * event is added, and its forward goes to the new platform at once if it had not gone
	 * yet, else a new forward is queued.
	 * @return false when the case is no longer unlocated (nothing changed)
	 */
	boolean relocate(CaseNumber caseNumber, Relocation relocation);

	/**
	 * @param location the WGS-84 point
	 * @param grid where it lies
	 * @param evidence how it was found
	 * @param route where it goes now
	 * @param event the LOCATED step with its source and note
	 */
	record Relocation(org.gridintake.routes.geo.GeoPoint location, org.gridintake.routes.geo.GridLocation grid,
			org.gridintake.routes.geo.LocationEvidence evidence, org.gridintake.routes.routing.RouteDecision route,
			StatusEvent event) {
	}

	/** What {@link #record} did. */
	sealed interface RecordOutcome {

		CaseNumber caseNumber();

		record Stored(CaseNumber caseNumber) implements RecordOutcome {
		}

		record AlreadyStored(CaseNumber caseNumber) implements RecordOutcome {
		}

	}

	/**
	 * A case with its history.
	 *
	 * @param draft the case
	 * @param history its status events, oldest first
	 * @param reports how many reports the case stands for (itself and merged duplicates)
	 */
	record CaseRecord(CaseDraft draft, List<StatusEvent> history, int reports) {
	}

}
