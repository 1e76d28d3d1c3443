package org.gridintake.routes.dedup;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the open-case index in step with PostgreSQL: rebuilds it at start-up, after it
 * was lost and on demand; takes closed cases out; and decides the reports stored while it
 * was away. A pending report that waits longer than {@code pendingHold} is forwarded as a
 * case of its own: an index outage delays a case, it never holds it back for good.
 */
public class MergeCatchUp {

	private static final Logger log = LoggerFactory.getLogger(MergeCatchUp.class);

	private static final int PENDING_BATCH = 100;

	private final MergeRecords records;

	private final OpenCaseIndex index;

	private final MergeDecider decider;

	private final Duration maxWindow;

	private final Duration pendingHold;

	private final Clock clock;

	private volatile boolean rebuildNeeded = true;

	private Instant closedCheckedAt;

	/**
	 * @param maxWindow the longest merge window of any category: older masters are not
	 * indexed
	 * @param pendingHold how long a report stored while the index was away waits for its
	 * merge decision before it is forwarded as a case of its own
	 */
	public MergeCatchUp(MergeRecords records, OpenCaseIndex index, MergeDecider decider, Duration maxWindow,
			Duration pendingHold, Clock clock) {
		this.records = records;
		this.index = index;
		this.decider = decider;
		this.maxWindow = maxWindow;
		this.pendingHold = pendingHold;
		this.clock = clock;
	}

	/** Asks for a rebuild from PostgreSQL on the next run. */
	public void rebuildSoon() {
		this.rebuildNeeded = true;
	}

	/**
	 * Rebuilds the index from PostgreSQL. Reports stored while it was away are decided
	 * against the rebuilt set, oldest first, before it goes live: otherwise a report
	 * arriving the moment it is back would find none of them, open a case, and the older
	 * reports of the same incident would then join the newer one.
	 * @return how many open cases the rebuilt index holds
	 */
	public synchronized int rebuild() {
		// Asked first so that while Redis is down the kept reports wait their hold
		// (throws MergeIndexUnavailableException) instead of being decided here.
		this.index.isBuilt();
		Instant now = this.clock.instant();
		List<OpenCase> open = new ArrayList<>(this.records.openMasters(now.minus(this.maxWindow)));
		for (OpenCase pending : this.records.pendingMerges(PENDING_BATCH)) {
			if (!decide(pending, nearestIn(open, pending.features()))) {
				open.add(pending);
			}
		}
		this.index.replaceAll(open);
		this.rebuildNeeded = false;
		this.closedCheckedAt = now;
		log.info("Merge index rebuilt from PostgreSQL: {} open cases", open.size());
		return open.size();
	}

	/** One pass; safe to run on every instance at once. */
	public synchronized void run() {
		try {
			if (this.rebuildNeeded || !this.index.isBuilt()) {
				rebuild();
			}
			Instant now = this.clock.instant();
			for (OpenCase closed : this.records.closedSince(this.closedCheckedAt.minusSeconds(60))) {
				this.index.remove(closed.caseId(), closed.features().categoryCode());
			}
			this.closedCheckedAt = now;
			this.index.prune(this.maxWindow, now);
			decidePending();
		}
		catch (MergeIndexUnavailableException ex) {
			this.rebuildNeeded = true;
			forwardOverduePending();
		}
	}

	private void decidePending() {
		for (OpenCase pending : this.records.pendingMerges(PENDING_BATCH)) {
			MergeFeatures features = pending.features();
			double radius = this.decider.searchRadius(features.categoryCode());
			try (OpenCaseIndex.AreaLock lock = this.index.lock(features.categoryCode(), features.point(), radius)) {
				List<MergeCandidate> candidates = this.index
					.near(features.categoryCode(), features.point(), radius, this.decider.maxCandidates() + 1)
					.stream()
					.filter((candidate) -> !candidate.openCase().caseId().equals(pending.caseId()))
					.toList();
				if (!decide(pending, candidates)) {
					this.index.add(pending);
				}
			}
		}
	}

	/**
	 * @return whether the report was linked to a master; otherwise it is now a case of
	 * its own
	 */
	private boolean decide(OpenCase pending, List<MergeCandidate> candidates) {
		MergeDecision decision = this.decider.decide(pending.features(), candidates);
		if (decision instanceof MergeDecision.DuplicateOf duplicate
				&& this.records.linkPending(pending.caseId(), new MergeLink(duplicate.master().caseId(),
						duplicate.master().caseNumber(), duplicate.evidence(), MergeStep.GATEWAY))) {
			log.info("Case {} merged into {} after the index came back", pending.caseNumber().value(),
					duplicate.master().caseNumber().value());
			return true;
		}
		this.records.markDecided(pending.caseId());
		return false;
	}

	/** What {@link OpenCaseIndex#near} would answer, from cases not yet in the index. */
	private List<MergeCandidate> nearestIn(List<OpenCase> open, MergeFeatures features) {
		if (features.categoryCode() == null || features.point() == null) {
			return List.of();
		}
		double radius = this.decider.searchRadius(features.categoryCode());
		return open.stream()
			.filter((candidate) -> features.categoryCode().equals(candidate.features().categoryCode()))
			.map((candidate) -> new MergeCandidate(candidate,
					features.point().distanceMeters(candidate.features().point())))
			.filter((candidate) -> candidate.distanceMeters() <= radius)
			.sorted(Comparator.comparingDouble(MergeCandidate::distanceMeters))
			.limit(this.decider.maxCandidates() + 1)
			.toList();
	}

	private void forwardOverduePending() {
		Instant overdue = this.clock.instant().minus(this.pendingHold);
		for (OpenCase pending : this.records.pendingMerges(PENDING_BATCH)) {
			if (pending.features().at().isBefore(overdue)) {
				log.warn("Case {} waited {} for the merge index; forwarded as a case of its own",
						pending.caseNumber().value(), this.pendingHold);
				this.records.markDecided(pending.caseId());
			}
		}
	}

}
