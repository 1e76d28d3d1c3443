package org.gridintake.gateway;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import org.gridintake.adapters.sms.SmppAdapters;
import org.gridintake.adapters.sms.SmppGateway;
import org.gridintake.adapters.sms.SmppSettings;
import org.gridintake.adapters.sms.simulator.SmscSimulator;
import org.gridintake.routes.sms.InboundAck;
import org.gridintake.routes.sms.InboundSmsHandler;
import org.gridintake.routes.sms.MoPart;
import org.gridintake.routes.sms.SmsReceipt;

import static org.awaitility.Awaitility.await;

/**
 * A load generator, not a test: drives mobile-originated messages through the real SMPP
 * bind into stored reports, and through the same kind of bind into a handler that stores
 * nothing (the link's own ceiling), and prints both. Run it with
 * {@code ./mvnw -pl gateway -am verify -Dtest=SmsIntakeBenchmark -Dsurefire.failIfNoSpecifiedTests=false -Dbenchmark=true}.
 */
// a load generator, skipped without -Dbenchmark=true before its Spring context is built:
// its production timings must not reach the other tests' contexts in the same JVM
@EnabledIfSystemProperty(named = "benchmark", matches = "true")
class SmsIntakeBenchmark extends GatewayIntegrationTest {

	@DynamicPropertySource
	static void benchmarkSettings(DynamicPropertyRegistry registry) {
		BenchmarkReports.benchmarkSettings(registry);
	}

	private static final int MESSAGES = Integer.getInteger("benchmark.messages", 3000);

	private static final int SENDERS = Integer.getInteger("benchmark.senders", 8);

	private static final int WARM_UP = Integer.getInteger("benchmark.warmup-messages", 2000);

	@Test
	void smsIntake() throws Exception {
		await().atMost(Duration.ofSeconds(30)).until(() -> !SMSC.boundSystemIds().isEmpty());
		BenchmarkReports reports = BenchmarkReports.fromGazetteer();
		// the JIT compiles the filing path too, not only the bind: wait for the warm-up's
		// reports to be filed before measuring
		int filedBefore = count("select count(*) from report_case where channel = 'SMS'");
		drive(SMSC, reports, 0, WARM_UP);
		await().atMost(Duration.ofMinutes(10))
			.pollInterval(Duration.ofMillis(200))
			.until(() -> count("select count(*) from report_case where channel = 'SMS'") >= filedBefore + WARM_UP);

		int before = count("select count(*) from report_case where channel = 'SMS'");
		long start = System.nanoTime();
		Result gateway = drive(SMSC, reports, WARM_UP, MESSAGES);
		await().atMost(Duration.ofMinutes(10))
			.pollInterval(Duration.ofMillis(200))
			.until(() -> count("select count(*) from report_case where channel = 'SMS'") >= before + MESSAGES);
		double filedPerSecond = MESSAGES / ((System.nanoTime() - start) / 1e9);

		Result link;
		try (SmscSimulator bare = SmscSimulator.start(0); SmppGateway client = noStoreClient(bare.port())) {
			await().atMost(Duration.ofSeconds(30)).until(client::isReady);
			drive(bare, reports, 0, WARM_UP);
			link = drive(bare, reports, WARM_UP, MESSAGES);
		}

		System.out.printf(Locale.ROOT, "%nSMS intake benchmark: %d messages, %d concurrent senders on one bind%n",
				MESSAGES, SENDERS);
		System.out.println("  " + gateway.describe("stored before acknowledgement (gateway)"));
		System.out.printf(Locale.ROOT, "  filed as located, routed cases with replies queued: %.0f reports/s%n",
				filedPerSecond);
		System.out.println("  " + link.describe("same bind, handler storing nothing (ceiling)"));
	}

	private static SmppGateway noStoreClient(int port) {
		SmppGateway client = SmppAdapters.smsGateway(List.of(new SmppSettings("127.0.0.1", port, "bench", "", "",
				"12345", (byte) 0, (byte) 1, SmppSettings.BindMode.TRANSCEIVER, Duration.ofSeconds(30),
				Duration.ofMillis(200), Duration.ofSeconds(1), Duration.ofSeconds(10))), 10, Double.POSITIVE_INFINITY);
		client.receiveWith(new InboundSmsHandler() {

			@Override
			public InboundAck onMessage(MoPart part) {
				return InboundAck.ACCEPTED;
			}

			@Override
			public InboundAck onReceipt(SmsReceipt receipt) {
				return InboundAck.ACCEPTED;
			}

		});
		return client;
	}

	/** Sends reports {@code first} to {@code first + messages - 1} as texts. */
	private static Result drive(SmscSimulator smsc, BenchmarkReports reports, int first, int messages)
			throws Exception {
		AtomicInteger next = new AtomicInteger();
		AtomicInteger refused = new AtomicInteger();
		List<Long> latencies = Collections.synchronizedList(new ArrayList<>(messages));
		ExecutorService senders = Executors.newFixedThreadPool(SENDERS);
		long start = System.nanoTime();
		try {
			List<Future<?>> running = new ArrayList<>();
			for (int s = 0; s < SENDERS; s++) {
				running.add(senders.submit(() -> {
					for (int n = next.getAndIncrement(); n < messages; n = next.getAndIncrement()) {
						int i = first + n;
						long sent = System.nanoTime();
						List<Integer> acks = smsc.deliver(reports.mobile(i), "12345", reports.smsText(i));
						latencies.add(System.nanoTime() - sent);
						if (!acks.equals(List.of(0))) {
							refused.incrementAndGet();
						}
					}
					return null;
				}));
			}
			for (Future<?> run : running) {
				run.get();
			}
		}
		finally {
			senders.shutdown();
		}
		return new Result(messages, (System.nanoTime() - start) / 1e9, refused.get(), latencies);
	}

	private int count(String sql) {
		return this.jdbc.sql(sql).query(Integer.class).single();
	}

	private record Result(int messages, double seconds, int refused, List<Long> latencies) {

		String describe(String what) {
			List<Long> sorted = new ArrayList<>(this.latencies);
			Collections.sort(sorted);
			return String.format(Locale.ROOT, "%s: %.0f msg/s acknowledged, p50 %.2f ms, p99 %.2f ms, %d refused", what,
					this.messages / this.seconds, percentile(sorted, 0.50), percentile(sorted, 0.99), this.refused);
		}

		private static double percentile(List<Long> sorted, double p) {
			return sorted.isEmpty() ? 0
					: sorted.get((int) Math.min(sorted.size() - 1, Math.round(p * sorted.size()))) / 1e6;
		}

	}

}
