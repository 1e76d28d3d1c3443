package org.gridintake.routes.intake;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.UUID;

import org.gridintake.routes.casedraft.CaseDraft;
import org.gridintake.routes.casedraft.CaseNumber;
import org.gridintake.routes.casedraft.CaseStatus;
import org.gridintake.routes.casedraft.CaseStore;
import org.gridintake.routes.dedup.MergeEvidence;
import org.gridintake.routes.dedup.MergeFeatures;
import org.gridintake.routes.dedup.MergeLink;
import org.gridintake.routes.casedraft.Channel;
import org.gridintake.routes.casedraft.NewCase;
import org.gridintake.routes.casedraft.StatusEvent;
import org.gridintake.routes.dedup.RepeatDeliveryCheck;
import org.gridintake.routes.geo.GridLocation;
import org.gridintake.routes.geo.LocationEvidence;
import org.gridintake.routes.geo.PlaceMatch;

/**
 * The step after which a report counts as accepted: the case, its history, its raw
 * message and its forwarding order are committed together.
 */
public class CaseRecorder {

	private final CaseStore store;

	private final CaseNumbering numbering;

	private final RepeatDeliveryCheck repeats;

	private final Map<Channel, Duration> unlocatedHold;

	/**
	 * @param unlocatedHold per channel, how long an unlocated case waits before it goes
	 * to triage: long enough for a resident asked by SMS to answer with the address
	 */
	public CaseRecorder(CaseStore store, CaseNumbering numbering, RepeatDeliveryCheck repeats,
			Map<Channel, Duration> unlocatedHold) {
		this.store = store;
		this.numbering = numbering;
		this.repeats = repeats;
		this.unlocatedHold = Map.copyOf(unlocatedHold);
	}

	public IntakeResult record(IntakeWork work) {
		return record(work, null, null, false).result();
	}

	/**
	 * What recording did.
	 *
	 * @param result the answer for the sender
	 * @param caseId the stored case, null when nothing new was stored
	 * @param features what it was stored with for merging
	 * @param newMaster whether it is stored as an open case of its own that later reports
	 * may join
	 */
	public record Recorded(IntakeResult result, UUID caseId, MergeFeatures features, boolean newMaster) {
	}

	/**
	 * Records a report as a case of its own, or, with a {@code link}, as a duplicate of
	 * an open master: not forwarded itself, its reporter following the master's progress.
	 * @param features what later reports are to be compared with; null when it cannot be
	 * merged
	 * @param link the master it duplicates, null for a case of its own
	 * @param mergePending whether the merge is to be decided later
	 */
	public Recorded record(IntakeWork work, MergeFeatures features, MergeLink link, boolean mergePending) {
		InboundReport report = work.report();
		GridLocation location = work.location();
		CaseNumber number = this.numbering.number(location == null ? null : location.chain().district().code(),
				report.receivedAt(), this.store.nextSerial());
		CaseStatus placed = (location != null) ? CaseStatus.LOCATED : CaseStatus.UNLOCATED;
		CaseStatus status = (link != null) ? CaseStatus.MERGED : placed;
		CaseDraft draft = draftOf(work, UUID.randomUUID(), number, status, (link != null) ? link.masterId() : null);
		List<StatusEvent> history = new ArrayList<>();
		history.add(new StatusEvent(CaseStatus.RECEIVED, report.receivedAt(), StatusEvent.GATEWAY,
				"received via " + report.channel().code()));
		history.add(new StatusEvent(placed, report.receivedAt(), StatusEvent.GATEWAY, placeNote(work)));
		if (link != null) {
			history.add(new StatusEvent(CaseStatus.MERGED, report.receivedAt(), link.decidedBy(), mergeNote(link)));
		}
		Duration hold = (location == null) ? this.unlocatedHold.get(report.channel()) : null;
		CaseStore.RecordOutcome outcome = this.store.record(new NewCase(draft, report.raw(), history,
				// a linked report is not forwarded, a pending one only once it is decided
				(link == null && !mergePending) ? work.route().platformId() : null,
				(hold != null) ? report.receivedAt().plus(hold) : null, features, link, mergePending));
		if (outcome instanceof CaseStore.RecordOutcome.MasterGone) {
			// closed between the decision and now: the report is a new incident after all
			return record(work, features, null, false);
		}
		this.repeats.remember(report, outcome.caseNumber());
		if (outcome instanceof CaseStore.RecordOutcome.Stored stored) {
			return new Recorded(new IntakeResult.Accepted(stored.caseNumber(), location != null, stored.mergedInto()),
					draft.id(), features, link == null && features != null && !mergePending);
		}
		return new Recorded(new IntakeResult.Duplicate(outcome.caseNumber()), null, features, false);
	}

	private static String mergeNote(MergeLink link) {
		MergeEvidence evidence = link.evidence();
		if (evidence == null) {
			return "linked to case " + link.masterNumber().value() + " by " + link.decidedBy();
		}
		return String.format(Locale.ROOT,
				"another report of case %s: %.0f m away, category %s, text similarity %.2f, %d min after it was opened%s",
				link.masterNumber().value(), evidence.distanceMeters(), evidence.categoryCode(), evidence.similarity(),
				evidence.timeGap().toMinutes(),
				(evidence.door() == MergeEvidence.DoorEvidence.SAME_DOOR) ? ", same door address" : "");
	}

	/**
	 * The case a located, categorised and routed report makes: every channel, and an
	 * amendment, turn a report into a case the same way.
	 */
	public static CaseDraft draftOf(IntakeWork work, UUID id, CaseNumber number, CaseStatus status) {
		return draftOf(work, id, number, status, null);
	}

	static CaseDraft draftOf(IntakeWork work, UUID id, CaseNumber number, CaseStatus status, UUID masterCaseId) {
		InboundReport report = work.report();
		GridLocation location = work.location();
		return new CaseDraft(id, number, report.channel(), report.channelRef(), report.receivedAt(), report.reporter(),
				report.text().strip(), work.categoryCode(), work.wgs84(), report.reportedPoint(), report.address(),
				(location != null) ? location.chain() : null, (location != null) ? location.registryVersion() : null,
				(location != null) ? location.nearEdgeAlternative().map((alt) -> alt.grid()).orElse(null) : null,
				work.evidence(), masterCaseId, status, work.route(), null, report.origin());
	}

	/** Where the report was placed and why it goes where it goes, for its history. */
	public static String placeNote(IntakeWork work) {
		String how = evidenceNote(work.evidence());
		if (work.location() != null) {
			return String.format(Locale.ROOT, "unit grid %s %s, %.0f m from its edge (%s); routed: %s",
					work.location().chain().grid().code(), work.location().chain().grid().name(),
					work.location().edgeDistanceMeters(), how, work.route().rule());
		}
		String why = (work.wgs84() != null) ? "the point " + work.wgs84() + " lies outside every unit grid"
				: "no place precise enough (" + how + ")";
		return why + "; routed: " + work.route().rule();
	}

	private static String evidenceNote(LocationEvidence evidence) {
		PlaceMatch match = evidence.match();
		String place = (match != null) ? String.format(Locale.ROOT, "%s '%s' as %s, confidence %.2f",
				match.kind().name().toLowerCase(Locale.ROOT), match.matchedText(), match.placeName(),
				match.confidence()) : "no place named";
		return switch (evidence.source()) {
			case POINT -> "map point" + ((match != null) ? String.format(Locale.ROOT,
					"; the address %s is %.0f m away%s", match.placeName(), evidence.addressDistanceMeters(),
					evidence.addressMismatch() ? ", which is too far: check it" : "") : "");
			case ADDRESS -> "address: " + place;
			case TEXT -> "text: " + place;
			case NONE -> place;
		};
	}

}
