package org.gridintake.routes.notify;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import org.gridintake.routes.casedraft.Mobile;
import org.gridintake.routes.forward.RetryPolicy;
import org.gridintake.routes.sms.SmsReceipt;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A text must not go out when its claim may already have passed to another instance: the
 * earlier texts of a batch can take several submit timeouts each when the SMSC is slow or
 * its bind keeps dropping.
 */
class NotifierLeaseTest {

	private static final Duration LEASE = Duration.ofSeconds(60);

	private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-07-01T07:00:00Z"));

	private final Clock clock = new Clock() {
		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return NotifierLeaseTest.this.now.get();
		}
	};

	private final RecordingQueue queue = new RecordingQueue();

	private final List<String> sent = new ArrayList<>();

	@Test
	void textsAreSentWhileMoreThanHalfTheirLeaseIsLeft() {
		this.queue.due = List.of(task(1), task(2));
		Notifier notifier = notifier(Duration.ofSeconds(29));
		notifier.claimBatch().forEach(notifier::send);
		assertThat(this.sent).containsExactly("第1条", "第2条");
		assertThat(this.queue.sent).containsExactly(1L, 2L);
	}

	@Test
	void aTextWhoseLeaseIsHalfGoneIsLeftUntouchedForTheNextClaim() {
		this.queue.due = List.of(task(1), task(2));
		Notifier notifier = notifier(Duration.ofSeconds(31));
		notifier.claimBatch().forEach(notifier::send);
		assertThat(this.sent).containsExactly("第1条");
		assertThat(this.queue.sent).containsExactly(1L);
		assertThat(this.queue.touched).containsExactly(1L);
	}

	/** Each send takes this long on the notifier's clock. */
	private Notifier notifier(Duration perSend) {
		SmsSender sender = new SmsSender() {
			@Override
			public SmsSendOutcome send(OutboundSms sms) {
				NotifierLeaseTest.this.sent.add(sms.text());
				NotifierLeaseTest.this.now.set(NotifierLeaseTest.this.now.get().plus(perSend));
				return new SmsSendOutcome.Sent(List.of("id-" + sms.reference()));
			}

			@Override
			public boolean isReady() {
				return true;
			}
		};
		return new Notifier(sender, this.queue, (mobile) -> false,
				new RetryPolicy(3, Duration.ofSeconds(1), Duration.ofSeconds(5)), this.clock, 10, LEASE);
	}

	private static SmsTask task(long id) {
		return new SmsTask(id, new OutboundSms("sms-" + id, new Mobile("13800138000"), "第" + id + "条"), 0,
				SmsKind.STATUS);
	}

	/** Hands out what is due and records what was done with each text. */
	private static final class RecordingQueue implements SmsQueue {

		private List<SmsTask> due = List.of();

		private final List<Long> sent = new ArrayList<>();

		private final List<Long> touched = new ArrayList<>();

		@Override
		public boolean enqueue(OutboundText text, String caseNumber, String dedupKey) {
			throw new UnsupportedOperationException();
		}

		@Override
		public List<SmsTask> claimDue(int max, Duration lease) {
			List<SmsTask> claimed = this.due;
			this.due = List.of();
			return claimed;
		}

		@Override
		public void sent(SmsTask task, List<String> messageIds, Instant at) {
			this.sent.add(task.id());
			this.touched.add(task.id());
		}

		@Override
		public void retryLater(SmsTask task, String reason, Instant nextAttemptAt) {
			this.touched.add(task.id());
		}

		@Override
		public void failed(SmsTask task, String reason) {
			this.touched.add(task.id());
		}

		@Override
		public void unconfirmed(SmsTask task, String reason, Instant nextAttemptAt) {
			this.touched.add(task.id());
		}

		@Override
		public void postpone(SmsTask task, String reason, Instant until) {
			this.touched.add(task.id());
		}

		@Override
		public void suppressed(SmsTask task, String reason) {
			this.touched.add(task.id());
		}

		@Override
		public void receipt(SmsReceipt receipt) {
			throw new UnsupportedOperationException();
		}

		@Override
		public int replayDeadLetters() {
			return 0;
		}

		@Override
		public OutboxCounts counts() {
			return new OutboxCounts(0, 0);
		}

	}

}
