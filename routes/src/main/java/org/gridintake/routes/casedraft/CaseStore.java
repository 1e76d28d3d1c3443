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
	 * The number of the case with this id, e.g. to name the master of a merged duplicate.
	 */
	Optional<CaseNumber> findCaseNumber(java.util.UUID caseId);

	/**
	 * The case stored under a reference the channel itself gave
	 * ({@link ChannelRef.Kind#CHANNEL}), so a channel can recognise a report it delivered
	 * before even when the fast duplicate index has forgotten it.
	 * @throws IllegalArgumentException for a content-derived reference, which names no
	 * single case
	 */
	Optional<CaseNumber> findByChannelRef(Channel channel, ChannelRef ref);

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
	 * Amends the case a channel's own reference names, in one transaction that locks the
	 * case and its forwarding orders: while nothing of it has reached a platform,
	 * {@code revision} rewrites it, its forward goes to the (new) platform, and the
	 * amendment's raw message is kept beside the earlier ones. A forward a platform has
	 * already taken, or that is being sent at this moment, refuses the amendment, so the
	 * forwarder never sends one version and records another.
	 */
	AmendOutcome amend(Channel channel, String channelRef, Revision revision);

	/**
	 * Stores a report as a linked duplicate of an open master case: its own row pointing
	 * at the master, not forwarded on its own, its reporter told of the master's
	 * progress. The master is locked while this happens, so it cannot close in between.
	 * When the channel reference is already stored, stores nothing and names that case.
	 * @param duplicate the report; its master id is filled in here
	 */
	AttachOutcome attach(NewCase duplicate, CaseNumber master);

	/**
	 * Open master cases (not resolved, closed or merged into another) of one category
	 * received since {@code since} within {@code radiusMeters} of {@code center}, nearest
	 * first.
	 */
	List<NearbyCase> openCasesNear(org.gridintake.routes.geo.GeoPoint center, double radiusMeters, String categoryCode,
			java.time.Instant since, int limit);

	/** Decides, on the locked case as it is, what an amendment changes. */
	@FunctionalInterface
	interface Revision {

		/**
		 * @return the revised case, or empty when the amendment changes nothing
		 */
		Optional<Revised> revise(CaseDraft current);

	}

	/**
	 * @param draft the case as amended; its id, number and channel reference stay
	 * @param event the history entry that names who amended it and what changed
	 * @param raw the amending message verbatim
	 * @param amendedBy who amended it
	 */
	record Revised(CaseDraft draft, StatusEvent event, RawMessage raw, String amendedBy) {
	}

	/** What {@link #amend} did. */
	sealed interface AmendOutcome {

		/**
		 * @param changed false when the amendment matched the case as it was
		 */
		record Amended(CaseDraft draft, boolean changed) implements AmendOutcome {
		}

		record NotFound() implements AmendOutcome {
		}

		record Refused(AmendRefusal reason, String message) implements AmendOutcome {
		}

	}

	/** Why a case can no longer be amended. */
	enum AmendRefusal {

		/** A platform has it. */
		FORWARDED,
		/** It is being sent right now; once that attempt ends it may be amendable. */
		IN_FLIGHT,
		/** It is a linked duplicate; its master is what platforms see. */
		ATTACHED

	}

	/** What {@link #attach} did. */
	sealed interface AttachOutcome {

		record Attached(CaseNumber caseNumber, CaseNumber master) implements AttachOutcome {
		}

		/**
		 * @param master the case it is attached to, null when it was stored on its own
		 */
		record AlreadyStored(CaseNumber caseNumber, CaseNumber master) implements AttachOutcome {
		}

		/**
		 * The master cannot take duplicates: unknown, finished, or itself a duplicate.
		 */
		record MasterRefused(String message) implements AttachOutcome {
		}

	}

	/**
	 * @param draft the case
	 * @param distanceMeters how far it is from the point asked about
	 * @param reports how many reports it stands for
	 */
	record NearbyCase(CaseDraft draft, double distanceMeters, int reports) {
	}

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

		/**
		 * @param mergedInto the master it was linked to; null for a case of its own, also
		 * when the master named had closed meanwhile
		 */
		record Stored(CaseNumber caseNumber, CaseNumber mergedInto) implements RecordOutcome {

			public Stored(CaseNumber caseNumber) {
				this(caseNumber, null);
			}

		}

		record AlreadyStored(CaseNumber caseNumber) implements RecordOutcome {
		}

		/**
		 * The master a duplicate was to be linked to has closed or been merged itself
		 * since the decision; nothing was stored.
		 */
		record MasterGone(CaseNumber caseNumber) implements RecordOutcome {
		}

	}

	/**
	 * A case with its history.
	 *
	 * @param draft the case
	 * @param history its status events, oldest first
	 * @param reports how many reports the case stands for (itself and merged duplicates)
	 * @param channelMix of those reports, how many came through each channel
	 */
	record CaseRecord(CaseDraft draft, List<StatusEvent> history, int reports,
			java.util.Map<Channel, Integer> channelMix) {

		public CaseRecord {
			channelMix = java.util.Map.copyOf(channelMix);
		}

		/** A case that stands for itself alone. */
		public CaseRecord(CaseDraft draft, List<StatusEvent> history) {
			this(draft, history, 1, java.util.Map.of(draft.channel(), 1));
		}

	}

}
