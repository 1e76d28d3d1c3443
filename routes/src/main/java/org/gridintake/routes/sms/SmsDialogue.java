package org.gridintake.routes.sms;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.gridintake.routes.casedraft.CaseNumber;
import org.gridintake.routes.casedraft.CaseStatus;
import org.gridintake.routes.casedraft.CaseStore;
import org.gridintake.routes.casedraft.CaseStore.CaseRecord;
import org.gridintake.routes.casedraft.Channel;
import org.gridintake.routes.casedraft.ChannelRef;
import org.gridintake.routes.casedraft.Mobile;
import org.gridintake.routes.casedraft.RawMessage;
import org.gridintake.routes.casedraft.Reporter;
import org.gridintake.routes.casedraft.StatusChange;
import org.gridintake.routes.casedraft.StatusEvent;
import org.gridintake.routes.casedraft.StatusUpdateResult;
import org.gridintake.routes.intake.InboundReport;
import org.gridintake.routes.intake.IntakeResult;
import org.gridintake.routes.notify.OutboundText;
import org.gridintake.routes.notify.SmsKind;
import org.gridintake.routes.notify.SmsQueue;
import org.gridintake.routes.sms.SmsReplies.Reply;
import org.gridintake.routes.sms.SmsResidents.Expectation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Acts on one whole message from a resident: a command, an answer to a question the
 * gateway asked (the address of an unlocated case, a rating after closure), or a new
 * report. Every reply is queued under a key derived from the message, so acting on the
 * same message again after a crash sends nothing twice; the report itself takes the
 * message's inbox id as its channel reference, so it is never filed twice either.
 */
public class SmsDialogue {

	private static final Logger log = LoggerFactory.getLogger(SmsDialogue.class);

	private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("M月d日HH:mm", Locale.CHINA);

	private final Function<InboundReport, IntakeResult> intake;

	private final AddressReply addresses;

	private final CaseStore cases;

	private final SmsInbox inbox;

	private final SmsResidents residents;

	private final SmsQueue texts;

	private final SmsReplies replies;

	private final Settings settings;

	private final Clock clock;

	/**
	 * @param addressWindow how long the resident's next message counts as the address of
	 * an unlocated case
	 * @param maxReportsPerDay new reports per number in 24 hours; beyond it messages are
	 * kept but not filed
	 * @param zone the local time zone, for "today" and times in replies
	 */
	public record Settings(Duration addressWindow, int maxReportsPerDay, ZoneId zone) {
	}

	public SmsDialogue(Function<InboundReport, IntakeResult> intake, AddressReply addresses, CaseStore cases,
			SmsInbox inbox, SmsResidents residents, SmsQueue texts, SmsReplies replies, Settings settings,
			Clock clock) {
		this.intake = intake;
		this.addresses = addresses;
		this.cases = cases;
		this.inbox = inbox;
		this.residents = residents;
		this.texts = texts;
		this.replies = replies;
		this.settings = settings;
		this.clock = clock;
	}

	public void handle(InboxMessage message) {
		Optional<Mobile> mobile = Mobile.parse(message.sender());
		if (mobile.isEmpty()) {
			// a landline or foreign sender can report, but cannot be answered or asked
			// back
			IntakeResult result = file(message, Reporter.anonymous());
			this.inbox.processed(message.id(), "REPORT", caseNumberOf(result));
			return;
		}
		Mobile sender = mobile.get();
		Instant now = this.clock.instant();
		Optional<Expectation> expected = this.residents.expectation(sender, now);
		boolean surveyOpen = expected.filter((e) -> e.kind() == Expectation.Kind.RATING).isPresent();
		SmsCommand command = SmsCommands.read(message.text(), surveyOpen);
		if (command instanceof SmsCommand.Unsubscribe) {
			if (this.residents.optOut(sender, now)) {
				queue(message, sender, this.replies.render(Reply.UNSUBSCRIBED), SmsKind.CONFIRMATION, null);
			}
			this.inbox.processed(message.id(), "UNSUBSCRIBE", null);
		}
		else if (command instanceof SmsCommand.Subscribe) {
			this.residents.optIn(sender);
			queue(message, sender, this.replies.render(Reply.SUBSCRIBED), SmsKind.REPLY, null);
			this.inbox.processed(message.id(), "SUBSCRIBE", null);
		}
		else if (command instanceof SmsCommand.Query query) {
			answerQuery(message, sender, query.caseNumber());
		}
		else if (command instanceof SmsCommand.Rating rating) {
			rate(message, sender, expected.get().caseNumber(), rating);
		}
		else if (expected.filter((e) -> e.kind() == Expectation.Kind.ADDRESS).isPresent()) {
			locate(message, sender, expected.get().caseNumber());
		}
		else if (command instanceof SmsCommand.Unclear) {
			queue(message, sender, this.replies.render(Reply.HELP), SmsKind.REPLY, null);
			this.inbox.processed(message.id(), "UNCLEAR", null);
		}
		else {
			report(message, sender, now);
		}
	}

	private void report(InboxMessage message, Mobile sender, Instant now) {
		int filedToday = this.inbox.reportsSince(message.sender(), now.minus(Duration.ofDays(1)));
		if (filedToday >= this.settings.maxReportsPerDay()) {
			log.warn("{} sent more than {} reports in a day; message {} kept, not filed", sender,
					this.settings.maxReportsPerDay(), message.id());
			if (this.residents.firstFloodNoticeOn(sender, now.atZone(this.settings.zone()).toLocalDate())) {
				queue(message, sender, this.replies.render(Reply.FLOODED), SmsKind.REPLY, null);
			}
			this.inbox.processed(message.id(), "FLOODED", null);
			return;
		}
		IntakeResult result = file(message, new Reporter(sender, true));
		if (result instanceof IntakeResult.Rejected rejected) {
			log.warn("SMS {} from {} could not be filed: {}", message.id(), sender, rejected.errors());
			queue(message, sender, this.replies.render(Reply.HELP), SmsKind.REPLY, null);
			this.inbox.processed(message.id(), "REJECTED", null);
			return;
		}
		String caseNumber = caseNumberOf(result);
		boolean located = !(result instanceof IntakeResult.Accepted accepted) || accepted.located();
		if (result instanceof IntakeResult.Accepted merged && merged.mergedInto() != null) {
			queue(message, sender,
					this.replies.render(Reply.RECEIVED_MERGED, Map.of("case_number", merged.mergedInto().value())),
					SmsKind.REPLY, caseNumber);
		}
		else if (located) {
			queue(message, sender, this.replies.render(Reply.RECEIVED, Map.of("case_number", caseNumber)),
					SmsKind.REPLY, caseNumber);
		}
		else {
			this.residents.expect(sender, Expectation.Kind.ADDRESS, new CaseNumber(caseNumber),
					now.plus(this.settings.addressWindow()));
			queue(message, sender, this.replies.render(Reply.RECEIVED_UNLOCATED, Map.of("case_number", caseNumber)),
					SmsKind.REPLY, caseNumber);
		}
		this.inbox.processed(message.id(), "REPORT", caseNumber);
	}

	private IntakeResult file(InboxMessage message, Reporter reporter) {
		String note = message.partial() ? "（短信不完整：部分分段未收到）" : "";
		return this.intake.apply(new InboundReport(Channel.SMS,
				new ChannelRef("mo:" + message.id(), ChannelRef.Kind.CHANNEL), message.receivedAt(), reporter,
				message.text() + note, null, null, null, RawMessage.utf8("text/plain; charset=utf-8", message.text()),
				org.gridintake.routes.casedraft.ReportOrigin.RESIDENT));
	}

	private void locate(InboxMessage message, Mobile sender, CaseNumber caseNumber) {
		Optional<String> place = this.addresses.relocate(caseNumber, message.text());
		if (place.isPresent()) {
			this.residents.clearExpectation(sender);
			queue(message, sender,
					this.replies.render(Reply.ADDRESS_LOCATED,
							Map.of("case_number", caseNumber.value(), "place", place.get())),
					SmsKind.REPLY, caseNumber.value());
			this.inbox.processed(message.id(), "ADDRESS", caseNumber.value());
		}
		else {
			queue(message, sender,
					this.replies.render(Reply.ADDRESS_NOT_FOUND, Map.of("case_number", caseNumber.value())),
					SmsKind.REPLY, caseNumber.value());
			this.inbox.processed(message.id(), "ADDRESS_NOT_FOUND", caseNumber.value());
		}
	}

	private void answerQuery(InboxMessage message, Mobile sender, CaseNumber asked) {
		List<CaseRecord> found = (asked != null) ? this.cases.find(asked)
			.filter((record) -> sender.equals(record.draft().reporter().mobile()))
			.stream()
			.toList() : this.cases.recentByReporter(sender, 3);
		String text = found.isEmpty() ? this.replies.render(Reply.QUERY_NONE)
				: this.replies.render(Reply.QUERY_CASES, Map.of("cases", describe(found)));
		queue(message, sender, text, SmsKind.REPLY, null);
		this.inbox.processed(message.id(), "QUERY", (asked != null) ? asked.value() : null);
	}

	private String describe(List<CaseRecord> found) {
		return found.stream().map((record) -> {
			Instant when = record.history().isEmpty() ? record.draft().receivedAt()
					: record.history().get(record.history().size() - 1).at();
			return record.draft().caseNumber().value() + "：" + record.draft().status().chineseName() + "（"
					+ WHEN.format(when.atZone(this.settings.zone())) + "）";
		}).collect(Collectors.joining("；"));
	}

	private void rate(InboxMessage message, Mobile sender, CaseNumber caseNumber, SmsCommand.Rating rating) {
		Instant now = this.clock.instant();
		this.residents.recordRating(caseNumber, sender, rating.score(), now);
		this.residents.clearExpectation(sender);
		Reply reply = Reply.RATING_THANKS;
		if (rating.dissatisfied()) {
			StatusUpdateResult reopened = this.cases.transition(caseNumber, (current,
					reporters) -> (current.status() == CaseStatus.CLOSED || current.status() == CaseStatus.RESOLVED)
							? new StatusChange.Move(
									new StatusEvent(CaseStatus.REOPENED, now, "resident", "居民评价不满意，申请重新办理"), null,
									List.of())
							: new StatusChange.Unchanged(current.status()));
			if (reopened instanceof StatusUpdateResult.Applied) {
				reply = Reply.RATING_REOPENED;
			}
		}
		queue(message, sender, this.replies.render(reply, Map.of("case_number", caseNumber.value())), SmsKind.REPLY,
				caseNumber.value());
		this.inbox.processed(message.id(), "RATING_" + rating.score(), caseNumber.value());
	}

	private void queue(InboxMessage message, Mobile to, String text, SmsKind kind, String caseNumber) {
		if (kind != SmsKind.CONFIRMATION && this.residents.isOptedOut(to)) {
			return;
		}
		this.texts.enqueue(new OutboundText(to, text, kind, null), caseNumber, "mo:" + message.id() + ":reply");
	}

	private static String caseNumberOf(IntakeResult result) {
		if (result instanceof IntakeResult.Accepted accepted) {
			return accepted.caseNumber().value();
		}
		if (result instanceof IntakeResult.Duplicate duplicate) {
			return duplicate.caseNumber().value();
		}
		return null;
	}

	/** Places an unlocated case from the address a resident sent back. */
	@FunctionalInterface
	public interface AddressReply {

		/**
		 * @return the place's name when the text located the case
		 */
		Optional<String> relocate(CaseNumber caseNumber, String text);

	}

}
