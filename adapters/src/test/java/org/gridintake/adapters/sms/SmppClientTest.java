package org.gridintake.adapters.sms;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.gridintake.adapters.sms.simulator.ReceivedSms;
import org.gridintake.adapters.sms.simulator.SmscSimulator;
import org.gridintake.routes.casedraft.Mobile;
import org.gridintake.routes.notify.OutboundSms;
import org.gridintake.routes.notify.SmsSendOutcome;
import org.gridintake.routes.notify.SmsSendOutcome.Failed;
import org.gridintake.routes.notify.SmsSendOutcome.RetryLater;
import org.gridintake.routes.notify.SmsSendOutcome.Sent;
import org.jsmpp.SMPPConstant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class SmppClientTest {

	private static final Mobile RESIDENT = new Mobile("13812345678");

	private static final Duration BIND_WAIT = Duration.ofSeconds(10);

	private final AtomicInteger references = new AtomicInteger();

	private SmscSimulator simulator;

	private SmppGateway client;

	private ListAppender<ILoggingEvent> logs;

	@BeforeEach
	void start() {
		this.logs = new ListAppender<>();
		this.logs.start();
		logger(SmppBind.class).addAppender(this.logs);
		logger(SmscSimulator.class).addAppender(this.logs);
		this.simulator = SmscSimulator.start(0);
		this.client = SmppAdapters.smsGateway(List.of(settings(this.simulator.port())), 1, Double.POSITIVE_INFINITY);
		await().atMost(BIND_WAIT).until(this.client::isReady);
	}

	@AfterEach
	void stop() {
		if (this.client != null) {
			this.client.close();
		}
		if (this.simulator != null) {
			this.simulator.close();
		}
		logger(SmppBind.class).detachAppender(this.logs);
		logger(SmscSimulator.class).detachAppender(this.logs);
	}

	@Test
	void shortChineseTextArrivesAsUcs2() {
		String text = "【网格中心】您反映的问题已受理，编号GD20240001。";
		SmsSendOutcome outcome = this.client.send(sms(text));
		assertThat(outcome).isInstanceOfSatisfying(Sent.class, (sent) -> assertThat(sent.messageIds()).hasSize(1));
		ReceivedSms received = awaitOneMessage();
		assertThat(received.text()).isEqualTo(text);
		assertThat(received.dataCoding()).isEqualTo(8);
		assertThat(received.parts()).isEqualTo(1);
		assertThat(received.source()).isEqualTo("12345");
		assertThat(received.destination()).isEqualTo("13812345678");
	}

	@Test
	void chineseTextOf150CharactersGoesAsThreeUcs2Parts() {
		String text = "您好，您于本周反映的小区路灯损坏问题已派单至街道网格员处理，预计三个工作日内完成维修。".repeat(4).substring(0, 150);
		assertThat(text).hasSize(150);
		SmsSendOutcome outcome = this.client.send(sms(text));
		assertThat(outcome).isInstanceOfSatisfying(Sent.class,
				(sent) -> assertThat(sent.messageIds()).hasSize(3).doesNotHaveDuplicates());
		ReceivedSms received = awaitOneMessage();
		assertThat(received.text()).isEqualTo(text);
		assertThat(received.parts()).isEqualTo(3);
		assertThat(received.dataCoding()).isEqualTo(8);
		assertThat(this.simulator.submitCount()).isEqualTo(3);
	}

	@Test
	void asciiTextGoesAsGsm7Bit() {
		String text = "Case GD-7 closed [ref {42}] - fee 0€ ~ thanks!";
		assertThat(this.client.send(sms(text))).isInstanceOf(Sent.class);
		ReceivedSms received = awaitOneMessage();
		assertThat(received.text()).isEqualTo(text);
		assertThat(received.dataCoding()).isEqualTo(0);
		assertThat(received.parts()).isEqualTo(1);
	}

	@Test
	void longAsciiTextGoesAsConcatenatedGsm7Bit() {
		String text = "Your report about the broken street light has been passed to the grid officer. ".repeat(3);
		assertThat(this.client.send(sms(text))).isInstanceOfSatisfying(Sent.class,
				(sent) -> assertThat(sent.messageIds()).hasSize(2));
		ReceivedSms received = awaitOneMessage();
		assertThat(received.text()).isEqualTo(text);
		assertThat(received.dataCoding()).isEqualTo(0);
		assertThat(received.parts()).isEqualTo(2);
	}

	@Test
	void emojiAtAPartBoundaryArrivesWhole() {
		String text = "处".repeat(66) + "👍" + "理完毕，感谢您的反馈！";
		assertThat(this.client.send(sms(text))).isInstanceOfSatisfying(Sent.class,
				(sent) -> assertThat(sent.messageIds()).hasSize(2));
		ReceivedSms received = awaitOneMessage();
		assertThat(received.text()).isEqualTo(text);
		assertThat(received.parts()).isEqualTo(2);
	}

	@Test
	void bindsAgainAfterTheSessionsAreDropped() {
		this.simulator.dropSessions();
		await().atMost(BIND_WAIT).pollInterval(Duration.ofMillis(10)).until(() -> !this.client.isReady());
		assertThat(this.client.send(sms("while unbound"))).isInstanceOf(RetryLater.class);
		await().atMost(BIND_WAIT).until(this.client::isReady);
		assertThat(this.client.send(sms("after the drop"))).isInstanceOf(Sent.class);
		assertThat(awaitOneMessage().text()).isEqualTo("after the drop");
	}

	@Test
	void bindsAgainToASimulatorRestartedOnTheSamePort() {
		int port = this.simulator.port();
		this.simulator.close();
		await().atMost(BIND_WAIT).pollInterval(Duration.ofMillis(10)).until(() -> !this.client.isReady());
		assertThat(this.client.send(sms("while down"))).isInstanceOfSatisfying(RetryLater.class,
				(retry) -> assertThat(retry.reason()).contains("not bound"));
		awaitFailedBindAttempt(port);
		this.simulator = SmscSimulator.start(port);
		await().atMost(BIND_WAIT).until(this.client::isReady);
		assertThat(this.client.send(sms("after the restart"))).isInstanceOf(Sent.class);
		assertThat(awaitOneMessage().text()).isEqualTo("after the restart");
	}

	@Test
	void startsWithoutWaitingForAnSmscThatIsDownAndBindsWhenItComes() {
		int port = this.simulator.port();
		this.simulator.close();
		this.simulator = null;
		try (SmppGateway early = SmppAdapters.smsGateway(List.of(settings(port)), 1, Double.POSITIVE_INFINITY)) {
			assertThat(early.isReady()).isFalse();
			assertThat(early.send(sms("too early"))).isInstanceOf(RetryLater.class);
			awaitFailedBindAttempt(port);
			this.simulator = SmscSimulator.start(port);
			await().atMost(BIND_WAIT).until(early::isReady);
			assertThat(early.send(sms("in time"))).isInstanceOf(Sent.class);
			assertThat(awaitOneMessage().text()).isEqualTo("in time");
		}
	}

	@Test
	void throttlingAndAFullQueueAreRetriedLaterOtherRefusalsFail() {
		this.simulator.rejectSubmits(SMPPConstant.STAT_ESME_RTHROTTLED);
		assertThat(this.client.send(sms("one"))).isInstanceOfSatisfying(RetryLater.class,
				(retry) -> assertThat(retry.reason()).contains("RTHROTTLED"));
		this.simulator.rejectSubmits(SMPPConstant.STAT_ESME_RMSGQFUL);
		assertThat(this.client.send(sms("two"))).isInstanceOf(RetryLater.class);
		this.simulator.rejectSubmits(SMPPConstant.STAT_ESME_RINVDSTADR);
		assertThat(this.client.send(sms("three"))).isInstanceOfSatisfying(Failed.class,
				(failed) -> assertThat(failed.reason()).contains("RINVDSTADR"));
		this.simulator.rejectSubmits(SMPPConstant.STAT_ESME_ROK);
		assertThat(this.client.send(sms("four"))).isInstanceOf(Sent.class);
		assertThat(this.client.isReady()).isTrue();
	}

	@Test
	void theSameReferenceIsNotSentTwice() {
		OutboundSms sms = sms("您的诉件已办结。");
		SmsSendOutcome first = this.client.send(sms);
		SmsSendOutcome second = this.client.send(sms);
		assertThat(first).isInstanceOf(Sent.class);
		assertThat(second).isEqualTo(first);
		awaitOneMessage();
		assertThat(this.simulator.submitCount()).isEqualTo(1);
	}

	@Test
	void concurrentSendsKeepTheirPartsTogether() {
		List<String> texts = List.of("甲".repeat(150), "乙".repeat(140), "丙".repeat(100), "丁".repeat(80));
		ExecutorService senders = Executors.newFixedThreadPool(texts.size());
		try {
			List<CompletableFuture<SmsSendOutcome>> outcomes = texts.stream()
				.map((text) -> CompletableFuture.supplyAsync(() -> this.client.send(sms(text)), senders))
				.toList();
			assertThat(outcomes)
				.allSatisfy((outcome) -> assertThat(outcome).succeedsWithin(BIND_WAIT).isInstanceOf(Sent.class));
		}
		finally {
			senders.shutdownNow();
		}
		await().atMost(BIND_WAIT).until(() -> this.simulator.received().size() == texts.size());
		assertThat(this.simulator.received()).extracting(ReceivedSms::text).containsExactlyInAnyOrderElementsOf(texts);
		assertThat(this.simulator.submitCount()).isEqualTo(3 + 3 + 2 + 2);
	}

	@Test
	void closedClientIsNotReadyAndAsksForALaterRetry() {
		this.client.close();
		assertThat(this.client.isReady()).isFalse();
		assertThat(this.client.send(sms("after close"))).isInstanceOf(RetryLater.class);
	}

	@Test
	void logsShowNumbersMaskedOnly() {
		this.client.send(sms("您好"));
		awaitOneMessage();
		assertThat(this.logs.list).extracting(ILoggingEvent::getFormattedMessage)
			.contains("SMSC simulator: SMS to 138****5678 (1 part): 您好")
			.noneMatch((line) -> line.contains("13812345678"));
	}

	/** So that the restart is met by the backoff path, not by a lucky first attempt. */
	private void awaitFailedBindAttempt(int port) {
		String failure = "SMPP bind to 127.0.0.1:" + port + " as gateway failed";
		await().atMost(BIND_WAIT)
			.until(() -> List.copyOf(this.logs.list)
				.stream()
				.anyMatch((event) -> event.getFormattedMessage().startsWith(failure)));
	}

	private ReceivedSms awaitOneMessage() {
		await().atMost(BIND_WAIT).until(() -> !this.simulator.received().isEmpty());
		assertThat(this.simulator.received()).hasSize(1);
		return this.simulator.received().get(0);
	}

	private OutboundSms sms(String text) {
		return new OutboundSms("outbox-" + this.references.incrementAndGet(), RESIDENT, text);
	}

	private static SmppSettings settings(int port) {
		// a first wait long enough to see the client unbound, short enough for tests
		return new SmppSettings("127.0.0.1", port, "gateway", "secret", "", "12345", (byte) 0, (byte) 1,
				SmppSettings.BindMode.TRANSCEIVER, Duration.ofSeconds(30), Duration.ofMillis(300),
				Duration.ofMillis(600), Duration.ofSeconds(5));
	}

	private static Logger logger(Class<?> type) {
		return (Logger) LoggerFactory.getLogger(type);
	}

}
