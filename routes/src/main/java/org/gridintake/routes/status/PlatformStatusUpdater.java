package org.gridintake.routes.status;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.gridintake.routes.casedraft.CaseNumber;
import org.gridintake.routes.casedraft.CaseStatus;
import org.gridintake.routes.casedraft.CaseStore;
import org.gridintake.routes.casedraft.Mobile;
import org.gridintake.routes.casedraft.Reporter;
import org.gridintake.routes.casedraft.StatusChange;
import org.gridintake.routes.casedraft.StatusEvent;
import org.gridintake.routes.casedraft.StatusUpdateResult;
import org.gridintake.routes.casedraft.StatusUpdateResult.Reason;
import org.gridintake.routes.notify.OutboundText;
import org.gridintake.routes.notify.SmsKind;
import org.gridintake.routes.notify.SmsTemplates;
import org.gridintake.routes.routing.Rerouter;
import org.gridintake.routes.sms.QuietHours;
import org.gridintake.routes.sms.SmsResidents;

/**
 * Applies a platform's status report to a case and queues the progress text for every
 * resident who reported it, in one transaction: a status the gateway has recorded is a
 * text that will be sent.
 */
public class PlatformStatusUpdater {

	private final CaseStore store;

	private final SmsTemplates templates;

	private final QuietHours quietHours;

	private final SmsResidents residents;

	private final Duration surveyWindow;

	private final Clock clock;

	private final Rerouter rerouter;

	/**
	 * @param quietHours progress texts decided at night wait until morning
	 * @param residents where a closed case's survey is remembered, so a reply of 1, 2 or
	 * 3 is read as a rating
	 * @param surveyWindow how long after closure a rating is accepted
	 * @param rerouter routes a case sent back (回退) to the next platform; null to leave it
	 * to operators
	 */
	public PlatformStatusUpdater(CaseStore store, SmsTemplates templates, QuietHours quietHours, SmsResidents residents,
			Duration surveyWindow, Clock clock, Rerouter rerouter) {
		this.rerouter = rerouter;
		this.store = store;
		this.templates = templates;
		this.quietHours = quietHours;
		this.residents = residents;
		this.surveyWindow = surveyWindow;
		this.clock = clock;
	}

	public StatusUpdateResult apply(PlatformStatusReport report) {
		Optional<CaseStatus> status = CaseStatus.fromCode(report.status())
			.filter(CaseStatus.PLATFORM_REPORTABLE::contains);
		if (status.isEmpty()) {
			return new StatusUpdateResult.Refused(Reason.INVALID,
					"status must be one of " + CaseStatus.PLATFORM_REPORTABLE + ", got " + report.status());
		}
		Optional<CaseNumber> number = CaseNumber.parse(report.caseNumber());
		if (number.isEmpty()) {
			return new StatusUpdateResult.Refused(Reason.INVALID, "case_number is not a case number");
		}
		Instant at = (report.occurredAt() != null) ? report.occurredAt() : this.clock.instant();
		CaseStatus next = status.get();
		Instant sendFrom = this.quietHours.nextAllowed(this.clock.instant());
		List<Mobile> texted = new ArrayList<>();
		StatusUpdateResult result = this.store.transition(number.get(), (current, reporters) -> {
			if (current.route() == null || !current.route().platformId().equals(report.platformId())) {
				return new StatusChange.Refuse(Reason.NOT_YOURS,
						"case " + current.caseNumber() + " is not held by platform " + report.platformId());
			}
			if (current.status() == next) {
				return new StatusChange.Unchanged(next);
			}
			if (!current.status().platformMayMoveTo(next)) {
				return new StatusChange.Refuse(Reason.CONFLICT,
						"case " + current.caseNumber() + " cannot move from " + current.status() + " to " + next);
			}
			// a 回退 the gateway routes on is a hand-over between offices: residents hear
			// of it only when they must do something
			boolean textResidents = next != CaseStatus.RETURNED || report.residentMustAct();
			List<OutboundText> texts = this.templates.render(next, current.caseNumber(), report.note())
				.filter((text) -> textResidents)
				.map((text) -> textsFor(reporters, text, sendFrom))
				.orElse(List.of());
			texted.clear();
			texts.forEach((text) -> texted.add(text.to()));
			return new StatusChange.Move(
					new StatusEvent(next, at, StatusEvent.platform(report.platformId()), report.note()),
					report.platformCaseId(), texts);
		});
		if (next == CaseStatus.CLOSED && result instanceof StatusUpdateResult.Applied) {
			// the closing text asks for a rating: each reporter's next 1, 2 or 3 answers
			// it
			Instant until = sendFrom.plus(this.surveyWindow);
			texted.forEach((mobile) -> this.residents.expect(mobile, SmsResidents.Expectation.Kind.RATING, number.get(),
					until));
		}
		boolean returnedHere = result instanceof StatusUpdateResult.Applied
				|| result instanceof StatusUpdateResult.Unchanged;
		if (next == CaseStatus.RETURNED && returnedHere && !report.residentMustAct() && this.rerouter != null) {
			// also for a repeated callback: it finishes a re-routing an earlier attempt
			// did not get to; once the case has moved the old platform is refused
			this.rerouter.returned(number.get(), report.platformId(), report.note());
		}
		return result;
	}

	private static List<OutboundText> textsFor(List<Reporter> reporters, String text, Instant sendFrom) {
		return reporters.stream()
			.filter(Reporter::canBeTexted)
			.map(Reporter::mobile)
			.distinct()
			.map((mobile) -> new OutboundText(mobile, text, SmsKind.STATUS, sendFrom))
			.toList();
	}

}
