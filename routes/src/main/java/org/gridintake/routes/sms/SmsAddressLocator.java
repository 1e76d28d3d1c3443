package org.gridintake.routes.sms;

import java.time.Clock;
import java.util.Locale;
import java.util.Optional;

import org.gridintake.routes.casedraft.CaseDraft;
import org.gridintake.routes.casedraft.CaseNumber;
import org.gridintake.routes.casedraft.CaseStatus;
import org.gridintake.routes.casedraft.CaseStore;
import org.gridintake.routes.casedraft.ChannelRef;
import org.gridintake.routes.casedraft.RawMessage;
import org.gridintake.routes.casedraft.StatusEvent;
import org.gridintake.routes.geo.LocateStep;
import org.gridintake.routes.intake.InboundReport;
import org.gridintake.routes.intake.IntakeWork;
import org.gridintake.routes.routing.CaseRouter;
import org.gridintake.routes.routing.RouteDecision;

/**
 * Places an unlocated case from the address its reporter texted back, with the same
 * locate and route steps a new report goes through.
 */
public class SmsAddressLocator implements SmsDialogue.AddressReply {

	private final CaseStore cases;

	private final LocateStep locate;

	private final CaseRouter router;

	private final Clock clock;

	public SmsAddressLocator(CaseStore cases, LocateStep locate, CaseRouter router, Clock clock) {
		this.cases = cases;
		this.locate = locate;
		this.router = router;
		this.clock = clock;
	}

	@Override
	public Optional<String> relocate(CaseNumber caseNumber, String text) {
		Optional<CaseDraft> found = this.cases.find(caseNumber).map(CaseStore.CaseRecord::draft);
		if (found.isEmpty() || found.get().status() != CaseStatus.UNLOCATED) {
			return Optional.empty();
		}
		CaseDraft draft = found.get();
		IntakeWork work = this.locate.locate(IntakeWork
			.of(new InboundReport(draft.channel(), new ChannelRef("address-reply", ChannelRef.Kind.CONTENT),
					this.clock.instant(), draft.reporter(), draft.description(), null, text, draft.categoryCode(),
					RawMessage.utf8("text/plain", text), draft.origin())));
		if (work.location() == null) {
			return Optional.empty();
		}
		RouteDecision route = this.router.decide(new org.gridintake.routes.routing.RoutingInput(draft.categoryCode(),
				work.location().chain(), null, draft.description(), draft.channel()));
		String place = work.evidence().match().placeName();
		String note = String.format(Locale.ROOT, "resident texted the address '%s': %s, unit grid %s %s; routed: %s",
				text.strip(), place, work.location().chain().grid().code(), work.location().chain().grid().name(),
				route.rule());
		boolean moved = this.cases.relocate(caseNumber, new CaseStore.Relocation(work.wgs84(), work.location(),
				work.evidence(), route, new StatusEvent(CaseStatus.LOCATED, this.clock.instant(), "resident", note)));
		return moved ? Optional.of(place) : Optional.empty();
	}

}
