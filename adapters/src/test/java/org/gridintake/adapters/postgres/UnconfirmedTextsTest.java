package org.gridintake.adapters.postgres;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;

import org.gridintake.routes.casedraft.Mobile;
import org.gridintake.routes.forward.RetryPolicy;
import org.gridintake.routes.notify.Notifier;
import org.gridintake.routes.notify.OutboundSms;
import org.gridintake.routes.notify.OutboundText;
import org.gridintake.routes.notify.SmsSendOutcome;
import org.gridintake.routes.notify.SmsSender;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A text whose submit_sm the SMSC never answered is sent again, and the outbox keeps
 * count of such attempts, so the texts that may have reached a resident twice are known.
 */
class UnconfirmedTextsTest extends PostgresStoreTest {

	@Test
	void anUnansweredTextIsSentAgainAndCountedAsPossiblyDoubled() {
		Mobile resident = resident();
		Deque<SmsSendOutcome> answers = new ArrayDeque<>(List.of(
				new SmsSendOutcome.Unconfirmed("no submit_sm_resp within 3000 ms, and the link dropped meanwhile"),
				new SmsSendOutcome.Sent(List.of("5f01"))));
		List<String> sent = new ArrayList<>();
		Notifier notifier = notifier(answering(answers, sent), 5);
		postgres.smsQueue().enqueue(OutboundText.reply(resident, "已收到您反映的问题"), null, null);

		drain(notifier);
		assertThat(row(resident)).containsEntry("state", "PENDING").containsEntry("unconfirmed_submits", 1);
		dueNow(resident);
		drain(notifier);

		assertThat(sent).containsExactly("已收到您反映的问题", "已收到您反映的问题");
		assertThat(row(resident)).containsEntry("state", "SENT").containsEntry("unconfirmed_submits", 1);
	}

	@Test
	void aTextWhoseLastAttemptWentUnansweredIsDeadWithTheDoubtRecorded() {
		Mobile resident = resident();
		Deque<SmsSendOutcome> answers = new ArrayDeque<>(
				List.of(new SmsSendOutcome.Unconfirmed("no submit_sm_resp within 3000 ms")));
		Notifier notifier = notifier(answering(answers, new ArrayList<>()), 1);
		postgres.smsQueue().enqueue(OutboundText.reply(resident, "已收到"), null, null);

		drain(notifier);

		assertThat(row(resident)).containsEntry("state", "DEAD")
			.containsEntry("unconfirmed_submits", 1)
			.containsEntry("last_error", "no submit_sm_resp within 3000 ms");
	}

	private static Notifier notifier(SmsSender sender, int maxAttempts) {
		return new Notifier(sender, postgres.smsQueue(), (mobile) -> false,
				new RetryPolicy(maxAttempts, Duration.ofSeconds(1), Duration.ofSeconds(5)), Clock.systemUTC(), 100,
				Duration.ofMinutes(1));
	}

	private static SmsSender answering(Deque<SmsSendOutcome> answers, List<String> sent) {
		return new SmsSender() {
			@Override
			public SmsSendOutcome send(OutboundSms sms) {
				sent.add(sms.text());
				return answers.removeFirst();
			}

			@Override
			public boolean isReady() {
				return true;
			}
		};
	}

	private static Mobile resident() {
		return new Mobile("139" + ThreadLocalRandom.current().nextLong(10_000_000L, 99_999_999L));
	}

	private static Map<String, Object> row(Mobile resident) {
		return jdbc.sql("select state, unconfirmed_submits, last_error from sms_outbox where mobile = ?")
			.param(resident.digits())
			.query()
			.singleRow();
	}

	private static void dueNow(Mobile resident) {
		jdbc.sql("update sms_outbox set next_attempt_at = now() where mobile = ?").param(resident.digits()).update();
	}

	private static void drain(Notifier notifier) {
		notifier.claimBatch().forEach(notifier::send);
	}

}
