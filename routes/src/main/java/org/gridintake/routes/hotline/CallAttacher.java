package org.gridintake.routes.hotline;

import java.util.List;
import java.util.UUID;

import org.gridintake.routes.casedraft.CaseDraft;
import org.gridintake.routes.casedraft.CaseNumber;
import org.gridintake.routes.casedraft.CaseStatus;
import org.gridintake.routes.casedraft.CaseStore;
import org.gridintake.routes.casedraft.NewCase;
import org.gridintake.routes.casedraft.StatusEvent;
import org.gridintake.routes.dedup.RepeatDeliveryCheck;
import org.gridintake.routes.intake.CaseNumbering;
import org.gridintake.routes.intake.CaseRecorder;
import org.gridintake.routes.intake.FieldError;
import org.gridintake.routes.intake.InboundReport;
import org.gridintake.routes.intake.IntakeResult;
import org.gridintake.routes.intake.IntakeWork;
import org.gridintake.routes.intake.InvalidReportException;

/**
 * Stores a call as a linked duplicate of the case the operator attached it to. The call
 * keeps its own case number and history, is never forwarded on its own, and its caller is
 * texted about the master's progress like the master's own reporter.
 */
public class CallAttacher {

	private final CaseStore store;

	private final CaseNumbering numbering;

	private final RepeatDeliveryCheck repeats;

	public CallAttacher(CaseStore store, CaseNumbering numbering, RepeatDeliveryCheck repeats) {
		this.store = store;
		this.numbering = numbering;
		this.repeats = repeats;
	}

	public IntakeResult attach(IntakeWork work, CaseNumber master) {
		InboundReport report = work.report();
		CaseNumber number = this.numbering.number(
				(work.location() != null) ? work.location().chain().district().code() : null, report.receivedAt(),
				this.store.nextSerial());
		CaseDraft draft = CaseRecorder.draftOf(work, UUID.randomUUID(), number, CaseStatus.MERGED);
		String operator = (report.origin() != null) ? report.origin().filerId() : null;
		List<StatusEvent> history = List.of(
				new StatusEvent(CaseStatus.RECEIVED, report.receivedAt(), StatusEvent.GATEWAY,
						"received via " + report.channel().code()),
				new StatusEvent(CaseStatus.MERGED, report.receivedAt(), OperatorSource.of(operator),
						"attached by operator " + operator + " to case " + master.value()));
		CaseStore.AttachOutcome outcome = this.store.attach(new NewCase(draft, report.raw(), history, null, null),
				master);
		if (outcome instanceof CaseStore.AttachOutcome.MasterRefused refused) {
			throw new InvalidReportException(List.of(new FieldError("attach_to", refused.message())));
		}
		if (outcome instanceof CaseStore.AttachOutcome.Attached attached) {
			this.repeats.remember(report, attached.caseNumber());
			return new IntakeResult.Attached(attached.master(), attached.caseNumber(), false);
		}
		CaseStore.AttachOutcome.AlreadyStored stored = (CaseStore.AttachOutcome.AlreadyStored) outcome;
		// the same call id was logged before without attaching: it is that case
		return (stored.master() != null) ? new IntakeResult.Attached(stored.master(), stored.caseNumber(), true)
				: new IntakeResult.Duplicate(stored.caseNumber());
	}

}
