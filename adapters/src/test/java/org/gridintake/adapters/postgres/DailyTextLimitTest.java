package org.gridintake.adapters.postgres;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.gridintake.adapters.testing.TestServers;
import org.gridintake.routes.casedraft.Mobile;
import org.gridintake.routes.forward.RetryPolicy;
import org.gridintake.routes.notify.DailyTextLimit;
import org.gridintake.routes.notify.Notifier;
import org.gridintake.routes.notify.OutboundSms;
import org.gridintake.routes.notify.OutboundText;
import org.gridintake.routes.notify.SmsKind;
import org.gridintake.routes.notify.SmsSendOutcome;
import org.gridintake.routes.notify.SmsSender;
import org.gridintake.routes.sms.QuietHours;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The per-number daily limit on progress texts, against a real PostgreSQL: the 11th text
 * of a day waits for the next morning, replies are never held.
 */
class DailyTextLimitTest {

	private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

	private static HikariDataSource dataSource;

	private static PostgresAdapters postgres;

	private static JdbcClient jdbc;

	@BeforeAll
	static void database() {
		dataSource = TestServers.postgres().migratedDatabase("adapters_daily_texts");
		postgres = PostgresAdapters.over(dataSource);
		jdbc = JdbcClient.create(dataSource);
	}

	@AfterAll
	static void close() {
		dataSource.close();
	}

	@Test
	void theEleventhProgressTextOfADayWaitsForTheNextMorningAndARepliesGoesAtOnce() {
		Mobile resident = new Mobile("139" + ThreadLocalRandom.current().nextLong(10_000_000L, 99_999_999L));
		// 15:00 in Shanghai
		AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-07-01T07:00:00Z"));
		Clock clock = new Clock() {
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
				return now.get();
			}
		};
		List<String> delivered = new ArrayList<>();
		SmsSender sender = new SmsSender() {
			@Override
			public SmsSendOutcome send(OutboundSms sms) {
				delivered.add(sms.text());
				return new SmsSendOutcome.Sent(List.of(sms.reference()));
			}

			@Override
			public boolean isReady() {
				return true;
			}
		};
		QuietHours quietHours = new QuietHours(LocalTime.of(22, 0), LocalTime.of(8, 0), SHANGHAI);
		Notifier notifier = new Notifier(sender, postgres.smsQueue(), (mobile) -> false,
				new RetryPolicy(3, Duration.ofSeconds(1), Duration.ofSeconds(5)), clock, 100, Duration.ofMinutes(1),
				new DailyTextLimit(10, SHANGHAI, quietHours), postgres.dailyTextCounts());
		for (int i = 1; i <= 11; i++) {
			postgres.smsQueue().enqueue(new OutboundText(resident, "进度" + i, SmsKind.STATUS, null), null, null);
			drain(notifier);
		}
		postgres.smsQueue().enqueue(OutboundText.reply(resident, "您的案件状态：处置中"), null, null);
		drain(notifier);

		assertThat(delivered).containsExactly("进度1", "进度2", "进度3", "进度4", "进度5", "进度6", "进度7", "进度8", "进度9", "进度10",
				"您的案件状态：处置中");
		record Held(String state, Instant notBefore) {
		}
		Held held = jdbc.sql("select state, next_attempt_at from sms_outbox where mobile = ? and body = '进度11'")
			.param(resident.digits())
			.query((rs, row) -> new Held(rs.getString(1), rs.getTimestamp(2).toInstant()))
			.single();
		// postponed, not dropped: the next day, after the quiet hours (08:00 in Shanghai)
		assertThat(held).isEqualTo(new Held("PENDING", Instant.parse("2026-07-02T00:00:00Z")));

		// the next day comes
		now.set(Instant.parse("2026-07-02T01:00:00Z"));
		jdbc.sql("update sms_outbox set next_attempt_at = now() where mobile = ? and state = 'PENDING'")
			.param(resident.digits())
			.update();
		drain(notifier);
		assertThat(delivered).last().isEqualTo("进度11");
	}

	private static void drain(Notifier notifier) {
		notifier.claimBatch().forEach(notifier::send);
	}

}
