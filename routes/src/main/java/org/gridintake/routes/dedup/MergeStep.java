package org.gridintake.routes.dedup;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.gridintake.routes.intake.CaseRecorder;
import org.gridintake.routes.intake.IntakeResult;
import org.gridintake.routes.intake.IntakeWork;

/**
 * The last intake step: decides whether a report is another report of an open case and
 * records it accordingly. The area is held across instances from the search until the
 * case is committed and indexed, so two reports of one incident arriving at the same
 * moment cannot both open a case. Without the index the report is still stored, as a case
 * of its own marked for a later decision: intake never waits for Redis.
 */
public class MergeStep {

	private static final Logger log = LoggerFactory.getLogger(MergeStep.class);

	static final String GATEWAY = "gateway";

	private final MergeDecider decider;

	private final OpenCaseIndex index;

	private final CaseRecorder recorder;

	public MergeStep(MergeDecider decider, OpenCaseIndex index, CaseRecorder recorder) {
		this.decider = decider;
		this.index = index;
		this.recorder = recorder;
	}

	public IntakeResult record(IntakeWork work) {
		MergeFeatures features = this.decider.features(work);
		if (features.categoryCode() == null || features.point() == null) {
			return this.recorder.record(work, null, null, false).result();
		}
		double radius = this.decider.searchRadius(features.categoryCode());
		OpenCaseIndex.HeldArea area;
		try {
			area = this.index.hold(features.categoryCode(), features.point(), radius, this.decider.maxCandidates());
		}
		catch (MergeIndexUnavailableException ex) {
			return deferred(work, features, ex);
		}
		boolean released = false;
		try {
			MergeDecision decision = this.decider.decide(features, area.candidates());
			MergeLink link = (decision instanceof MergeDecision.DuplicateOf duplicate) ? new MergeLink(
					duplicate.master().caseId(), duplicate.master().caseNumber(), duplicate.evidence(), GATEWAY) : null;
			CaseRecorder.Recorded recorded = this.recorder.record(work, features, link, false);
			if (recorded.newMaster()) {
				released = true;
				indexAndRelease(recorded, area.lock());
			}
			return recorded.result();
		}
		finally {
			if (!released) {
				release(area.lock());
			}
		}
	}

	private void indexAndRelease(CaseRecorder.Recorded recorded, OpenCaseIndex.AreaLock lock) {
		IntakeResult.Accepted accepted = (IntakeResult.Accepted) recorded.result();
		try {
			this.index.addAndRelease(new OpenCase(recorded.caseId(), accepted.caseNumber(), recorded.features()), lock);
		}
		catch (MergeIndexUnavailableException ex) {
			// the case is committed; the next rebuild from PostgreSQL puts it in the
			// index, and the lock's lease frees the area
			log.warn("Case {} stored but not indexed for merging: {}", accepted.caseNumber().value(), ex.getMessage());
		}
	}

	private IntakeResult deferred(IntakeWork work, MergeFeatures features, MergeIndexUnavailableException ex) {
		log.warn("Merge index unavailable ({}); the report is stored and merged later", ex.getMessage());
		return this.recorder.record(work, features, null, true).result();
	}

	private static void release(OpenCaseIndex.AreaLock lock) {
		try {
			lock.close();
		}
		catch (MergeIndexUnavailableException ex) {
			// the lock expires by itself
			log.warn("Merge area lock not released: {}", ex.getMessage());
		}
	}

}
