package org.gridintake.routes.dedup;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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
	 * @return how many open cases the rebuilt index holds
	 */
	public synchronized int rebuild() {
		Instant now = this.clock.instant();
		List<OpenCase> open = this.records.openMasters(now.minus(this.maxWindow));
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
		for (OpenCase pending : this.records.pendingMerges(100)) {
			MergeFeatures features = pending.features();
			double radius = this.decider.searchRadius(features.categoryCode());
			try (OpenCaseIndex.AreaLock lock = this.index.lock(features.categoryCode(), features.point(), radius)) {
				List<MergeCandidate> candidates = this.index
					.near(features.categoryCode(), features.point(), radius, this.decider.maxCandidates() + 1)
					.stream()
					.filter((candidate) -> !candidate.openCase().caseId().equals(pending.caseId()))
					.toList();
				MergeDecision decision = this.decider.decide(features, candidates);
				if (decision instanceof MergeDecision.DuplicateOf duplicate
						&& this.records.linkPending(pending.caseId(), new MergeLink(duplicate.master().caseId(),
								duplicate.master().caseNumber(), duplicate.evidence(), MergeStep.GATEWAY))) {
					log.info("Case {} merged into {} after the index came back", pending.caseNumber().value(),
							duplicate.master().caseNumber().value());
					continue;
				}
				this.records.markDecided(pending.caseId());
				this.index.add(pending);
			}
		}
	}

	private void forwardOverduePending() {
		Instant overdue = this.clock.instant().minus(this.pendingHold);
		for (OpenCase pending : this.records.pendingMerges(100)) {
			if (pending.features().at().isBefore(overdue)) {
				log.warn("Case {} waited {} for the merge index; forwarded as a case of its own",
						pending.caseNumber().value(), this.pendingHold);
				this.records.markDecided(pending.caseId());
			}
		}
	}

}
