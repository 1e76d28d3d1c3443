package org.gridintake.routes.hotline;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.gridintake.routes.casedraft.CaseDraft;
import org.gridintake.routes.casedraft.CaseStatus;
import org.gridintake.routes.casedraft.CaseStore;
import org.gridintake.routes.casedraft.Channel;
import org.gridintake.routes.casedraft.Mobile;
import org.gridintake.routes.casedraft.ReportedPoint;
import org.gridintake.routes.casedraft.StatusEvent;
import org.gridintake.routes.geo.GridChain;
import org.gridintake.routes.geo.LocateStep;
import org.gridintake.routes.intake.CaseRecorder;
import org.gridintake.routes.intake.FieldError;
import org.gridintake.routes.intake.InboundReport;
import org.gridintake.routes.intake.IntakeWork;
import org.gridintake.routes.intake.InvalidReportException;
import org.gridintake.routes.intake.TextNormaliser;
import org.gridintake.routes.routing.CaseRouter;
import org.gridintake.routes.routing.CategoryStep;

/**
 * An operator's correction of a logged call (a better address, another category) while
 * its case has not reached a platform: the corrected log is checked like a new one,
 * placed, categorised and routed again by the same steps as intake, and the case is
 * rewritten in place, keeping its number, its history and every version of the log.
 */
public class CallAmender {

	private final CallLogMapper mapper;

	private final TextNormaliser normaliser;

	private final LocateStep locate;

	private final CategoryStep categorise;

	private final CaseRouter router;

	private final CaseStore store;

	public CallAmender(CallLogMapper mapper, TextNormaliser normaliser, LocateStep locate, CategoryStep categorise,
			CaseRouter router, CaseStore store) {
		this.mapper = mapper;
		this.normaliser = normaliser;
		this.locate = locate;
		this.categorise = categorise;
		this.router = router;
		this.store = store;
	}

	/**
	 * @param callId the call named in the path
	 * @param log the corrected log; its call id, when it has one, must be the same
	 * @param rawBody the log verbatim
	 * @param at when the amendment arrived
	 * @throws InvalidReportException naming every bad field
	 */
	public CaseStore.AmendOutcome amend(String callId, CallLog log, byte[] rawBody, Instant at) {
		List<FieldError> errors = new ArrayList<>();
		if (log.callId() != null && !log.callId().isBlank() && !log.callId().strip().equals(callId)) {
			errors.add(new FieldError("call_id", "must be the call id in the path, or left out"));
		}
		if (log.attachTo() != null && !log.attachTo().isBlank()) {
			errors.add(new FieldError("attach_to",
					"cannot be set by an amendment; it is decided when the call is logged"));
		}
		InboundReport report;
		try {
			report = this.mapper.toInbound(log.withCallId(callId), rawBody, at);
		}
		catch (InvalidReportException ex) {
			errors.addAll(ex.errors());
			throw new InvalidReportException(errors);
		}
		if (!errors.isEmpty()) {
			throw new InvalidReportException(errors);
		}
		IntakeWork work = this.router
			.route(this.categorise.categorise(this.locate.locate(this.normaliser.normalise(IntakeWork.of(report)))));
		String operator = report.origin().filerId();
		return this.store.amend(Channel.HOTLINE, callId, (current) -> revise(current, work, operator, at));
	}

	private static Optional<CaseStore.Revised> revise(CaseDraft current, IntakeWork work, String operator, Instant at) {
		CaseStatus status = (work.location() != null) ? CaseStatus.LOCATED : CaseStatus.UNLOCATED;
		CaseDraft fresh = CaseRecorder.draftOf(work, current.id(), current.caseNumber(), status);
		// what identifies the case and who first filed it stay as they were
		CaseDraft amended = new CaseDraft(current.id(), current.caseNumber(), current.channel(), current.channelRef(),
				current.receivedAt(), fresh.reporter(), fresh.description(), fresh.categoryCode(), fresh.location(),
				fresh.reportedPoint(), fresh.address(), fresh.grid(), fresh.gridRegistryVersion(),
				fresh.alternativeGrid(), fresh.locationEvidence(), current.masterCaseId(), status, fresh.route(),
				current.platformCaseId(), current.origin());
		List<String> changes = changes(current, amended);
		if (changes.isEmpty()) {
			return Optional.empty();
		}
		StatusEvent event = new StatusEvent(status, at, OperatorSource.of(operator), "call log amended by operator "
				+ operator + ": " + String.join("; ", changes) + ". Now " + CaseRecorder.placeNote(work));
		return Optional.of(new CaseStore.Revised(amended, event, work.report().raw(), operator));
	}

	/**
	 * What an amendment changed, in words for the case's history. A caller's number is
	 * masked: history is shown to staff and platforms.
	 */
	static List<String> changes(CaseDraft before, CaseDraft after) {
		List<String> changes = new ArrayList<>();
		if (!Objects.equals(before.description(), after.description())) {
			// both versions stay in the call's raw logs; the history only says it changed
			changes.add("summary rewritten");
		}
		if (!Objects.equals(before.address(), after.address())) {
			changes.add("address " + quoted(before.address()) + " → " + quoted(after.address()));
		}
		if (!Objects.equals(before.reportedPoint(), after.reportedPoint())) {
			changes.add("map point " + point(before.reportedPoint()) + " → " + point(after.reportedPoint()));
		}
		if (!Objects.equals(before.categoryCode(), after.categoryCode())) {
			changes.add("category " + orNone(before.categoryCode()) + " → " + orNone(after.categoryCode()));
		}
		if (!Objects.equals(before.reporter(), after.reporter())) {
			changes.add("caller " + before.reporter().contact().map(Mobile::masked).orElse("(not a mobile)") + " → "
					+ after.reporter().contact().map(Mobile::masked).orElse("(not a mobile)"));
		}
		String gridBefore = grid(before.grid());
		String gridAfter = grid(after.grid());
		if (!gridBefore.equals(gridAfter)) {
			changes.add("grid " + gridBefore + " → " + gridAfter);
		}
		String platformBefore = (before.route() != null) ? before.route().platformId() : "(none)";
		String platformAfter = (after.route() != null) ? after.route().platformId() : "(none)";
		if (!platformBefore.equals(platformAfter)) {
			changes.add("platform " + platformBefore + " → " + platformAfter);
		}
		return changes;
	}

	private static String grid(GridChain chain) {
		return (chain != null) ? chain.grid().code() + " " + chain.grid().name() : "(unlocated)";
	}

	private static String point(ReportedPoint point) {
		return (point != null) ? point.point() + " " + point.crs().code() : "(none)";
	}

	private static String quoted(String text) {
		return (text != null) ? "'" + text + "'" : "(none)";
	}

	private static String orNone(String text) {
		return (text != null) ? text : "(none)";
	}

}
