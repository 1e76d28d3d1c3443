package org.gridintake.adapters.postgres;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.gridintake.adapters.testing.TestServers;
import org.gridintake.routes.casedraft.Mobile;
import org.gridintake.routes.notify.OutboundText;
import org.gridintake.routes.notify.SmsQueue;
import org.gridintake.routes.notify.SmsTask;
import org.gridintake.routes.sms.InboxMessage;
import org.gridintake.routes.sms.MoPart;
import org.gridintake.routes.sms.SmsInbox;
import org.gridintake.routes.sms.SmsReceipt;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/** The SMS inbox and outbox against a real PostgreSQL. */
class PostgresSmsTest {

	private static final Duration WINDOW = Duration.ofHours(6);

	private static HikariDataSource dataSource;

	private static SmsInbox inbox;

	private static SmsQueue outbox;

	private static JdbcClient jdbc;

	@BeforeAll
	static void database() {
		dataSource = TestServers.postgres().migratedDatabase("adapters_sms");
		PostgresAdapters postgres = PostgresAdapters.over(dataSource);
		inbox = postgres.smsInbox();
		outbox = postgres.smsQueue();
		jdbc = JdbcClient.create(dataSource);
	}

	@AfterAll
	static void close() {
		dataSource.close();
	}

	@Test
	void partsArrivingAtOnceOverSeveralLinksBecomeOneMessageWithTheExactText() throws Exception {
		String sender = newSender();
		String[] texts = { "和平路十二号门口的井盖", "不见了，晚上路过很危险，", "请尽快派人处理。谢谢！" };
		List<Callable<Boolean>> deliveries = new ArrayList<>();
		for (int round = 0; round < 2; round++) {
			for (int seq = 1; seq <= 3; seq++) {
				MoPart part = part(sender, texts[seq - 1], new MoPart.Concatenation(77, 3, seq));
				deliveries.add(() -> inbox.store(part, WINDOW));
			}
		}
		Collections.shuffle(deliveries);
		ExecutorService links = Executors.newFixedThreadPool(4);
		List<Boolean> stored = new ArrayList<>();
		try {
			for (Future<Boolean> delivery : links.invokeAll(deliveries)) {
				stored.add(delivery.get());
			}
		}
		finally {
			links.shutdown();
		}
		assertThat(stored).containsOnly(true, false).filteredOn((s) -> s).hasSize(3);
		assertThat(messagesFrom(sender)).extracting(InboxMessage::text, InboxMessage::partial)
			.containsExactly(org.assertj.core.groups.Tuple.tuple(String.join("", texts), false));
	}

	@Test
	void aRedeliveredMessageIsKeptOnceButTheSameTextLaterIsNew() {
		String sender = newSender();
		Instant now = Instant.now();
		assertThat(inbox.store(part(sender, "路灯不亮", null, now), WINDOW)).isTrue();
		assertThat(inbox.store(part(sender, "路灯不亮", null, now.plusSeconds(30)), WINDOW)).isFalse();
		assertThat(inbox.store(part(sender, "路灯不亮", null, now.plus(Duration.ofHours(7))), WINDOW)).isTrue();
		assertThat(messagesFrom(sender)).hasSize(2);
	}

	@Test
	void aMessageWithAPartMissingIsFiledAsPartialOnceTheWaitIsOver() {
		String sender = newSender();
		inbox.store(part(sender, "第一段", new MoPart.Concatenation(9, 3, 1)), WINDOW);
		inbox.store(part(sender, "第三段", new MoPart.Concatenation(9, 3, 3)), WINDOW);
		assertThat(inbox.assembleOverdue(Duration.ofMinutes(10))).isZero();
		assertThat(messagesFrom(sender)).isEmpty();
		assertThat(inbox.assembleOverdue(Duration.ZERO)).isPositive();
		assertThat(messagesFrom(sender)).extracting(InboxMessage::text, InboxMessage::partial)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("第一段第三段", true));
	}

	@Test
	void aReplyIsQueuedOnceHoweverOftenTheMessageIsActedOn() {
		Mobile to = new Mobile(newSender());
		String key = "mo:" + ThreadLocalRandom.current().nextLong() + ":reply";
		assertThat(outbox.enqueue(OutboundText.reply(to, "已收到"), null, key)).isTrue();
		assertThat(outbox.enqueue(OutboundText.reply(to, "已收到"), null, key)).isFalse();
		assertThat(jdbc.sql("select count(*) from sms_outbox where mobile = ?")
			.param(to.digits())
			.query(Integer.class)
			.single()).isEqualTo(1);
	}

	@Test
	void aReceiptWithADecimalIdFindsItsTextEvenWhenItCameFirst() {
		Mobile to = new Mobile(newSender());
		outbox.enqueue(OutboundText.reply(to, "两段短信"), null, "early-" + to.digits());
		SmsTask task = outbox.claimDue(100, Duration.ofMinutes(1))
			.stream()
			.filter((t) -> t.sms().to().equals(to))
			.findFirst()
			.orElseThrow();
		String first = Long.toHexString(ThreadLocalRandom.current().nextLong(1L << 40, 1L << 44)).toUpperCase();
		String second = Long.toHexString(ThreadLocalRandom.current().nextLong(1L << 40, 1L << 44)).toUpperCase();
		// the SMSC reports one part before the gateway has recorded the send, in decimal
		outbox.receipt(new SmsReceipt(Long.toString(Long.parseLong(first, 16)), SmsReceipt.DeliveryState.DELIVERED,
				null, Instant.now()));
		outbox.sent(task, List.of(first, second), Instant.now());
		assertThat(deliveryState(task)).isEqualTo("ENROUTE");
		outbox.receipt(
				new SmsReceipt("00" + second.toLowerCase(), SmsReceipt.DeliveryState.DELIVERED, null, Instant.now()));
		assertThat(deliveryState(task)).isEqualTo("DELIVERED");
	}

	private static String deliveryState(SmsTask task) {
		return jdbc.sql("select delivery_state from sms_outbox where id = ?")
			.param(task.id())
			.query(String.class)
			.single();
	}

	private static List<InboxMessage> messagesFrom(String sender) {
		return inbox.claimReady(1000, Duration.ofMinutes(1))
			.stream()
			.filter((message) -> message.sender().equals(sender))
			.toList();
	}

	private static MoPart part(String sender, String text, MoPart.Concatenation concat) {
		return part(sender, text, concat, Instant.now());
	}

	private static MoPart part(String sender, String text, MoPart.Concatenation concat, Instant at) {
		return new MoPart(sender, "12345", text, concat, at, "link-1", text.getBytes(StandardCharsets.UTF_16BE));
	}

	private static String newSender() {
		return "139" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
	}

}
