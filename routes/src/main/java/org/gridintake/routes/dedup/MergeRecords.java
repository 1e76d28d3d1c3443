package org.gridintake.routes.dedup;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.gridintake.routes.casedraft.CaseNumber;

/**
 * Port: the merge side of the case store, PostgreSQL being the source of truth the
 * open-case index is rebuilt from.
 */
public interface MergeRecords {

	/** Open masters received since {@code since}, each with what it is compared by. */
	List<OpenCase> openMasters(Instant since);

	/**
	 * Masters that resolved or closed since {@code since}: to be taken out of the index.
	 */
	List<OpenCase> closedSince(Instant since);

	/** Reports stored while the index was away, oldest first. */
	List<OpenCase> pendingMerges(int limit);

	/**
	 * Links a report stored while the index was away to its master. Such a report is not
	 * forwarded while it waits, so no platform has it yet. When the master has closed
	 * meanwhile, the report is decided a case of its own instead (and forwarded).
	 * @return whether it was linked
	 */
	boolean linkPending(UUID caseId, MergeLink link);

	/** Decides a pending report a case of its own, and queues its forward. */
	void markDecided(UUID caseId);

	/**
	 * Splits a linked report off into a case of its own: the link is kept, marked undone;
	 * the report is forwarded to its own platform; the master's platform hears the new
	 * report count.
	 */
	SplitOutcome split(CaseNumber duplicate, String operator, String reason, Instant at);

	/** What a split did. */
	sealed interface SplitOutcome {

		/**
		 * @param openCase the report, now a master of its own, as the index holds it
		 */
		record Split(CaseNumber caseNumber, CaseNumber formerMaster, OpenCase openCase) implements SplitOutcome {
		}

		record NotFound(CaseNumber caseNumber) implements SplitOutcome {
		}

		record NotLinked(CaseNumber caseNumber) implements SplitOutcome {
		}

	}

}
