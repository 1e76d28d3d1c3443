package org.gridintake.gateway;

import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpHeaderNames;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * A closed-loop HTTP load generator: N connections, each sending its next POST as soon as
 * the previous one is answered, for a warm-up and then a fixed measured period. Counts
 * the answers with the expected status and records each one's latency. It shares the
 * machine with what it measures, so its own cost is part of every figure it gives.
 */
final class HttpLoad {

	private final int connections;

	private final HttpClient client;

	private final ConnectionProvider pool;

	HttpLoad(int port, int connections, String authorization) {
		this.connections = connections;
		this.pool = ConnectionProvider.builder("load").maxConnections(connections).pendingAcquireMaxCount(-1).build();
		this.client = HttpClient.create(this.pool).baseUrl("http://127.0.0.1:" + port).headers((headers) -> {
			headers.set(HttpHeaderNames.CONTENT_TYPE, "application/json");
			if (authorization != null) {
				headers.set(HttpHeaderNames.AUTHORIZATION, authorization);
			}
		});
	}

	/** Posts bodies made by {@code body} (numbered from {@code first}) for a while. */
	Result run(String path, IntFunction<byte[]> body, AtomicInteger next, Duration duration, int expectedStatus) {
		long end = System.nanoTime() + duration.toNanos();
		AtomicLong ok = new AtomicLong();
		AtomicLong other = new AtomicLong();
		Map<String, AtomicLong> otherKinds = new ConcurrentHashMap<>();
		long[][] latencies = new long[this.connections][];
		int[] counts = new int[this.connections];
		long cpuBefore = processCpuNanos();
		long start = System.nanoTime();
		Flux.range(0, this.connections).flatMap((user) -> {
			latencies[user] = new long[1 << 16];
			return Mono.defer(() -> {
				byte[] bytes = body.apply(next.getAndIncrement());
				long sent = System.nanoTime();
				return this.client.post()
					.uri(path)
					.send(Mono.just(Unpooled.wrappedBuffer(bytes)))
					.responseSingle((response,
							content) -> content.asString().defaultIfEmpty("").map((text) -> response.status().code()))
					.doOnNext((status) -> {
						long took = System.nanoTime() - sent;
						if (status == expectedStatus) {
							ok.incrementAndGet();
							if (counts[user] == latencies[user].length) {
								latencies[user] = Arrays.copyOf(latencies[user], counts[user] * 2);
							}
							latencies[user][counts[user]++] = took;
						}
						else {
							other.incrementAndGet();
							otherKinds.computeIfAbsent(Integer.toString(status), (kind) -> new AtomicLong())
								.incrementAndGet();
						}
					})
					.onErrorResume((ex) -> {
						other.incrementAndGet();
						otherKinds.computeIfAbsent(ex.getClass().getSimpleName(), (kind) -> new AtomicLong())
							.incrementAndGet();
						return Mono.empty();
					});
			}).repeat(() -> System.nanoTime() < end).then();
		}, this.connections).blockLast(duration.plusMinutes(2));
		double seconds = (System.nanoTime() - start) / 1e9;
		double cpuSeconds = (processCpuNanos() - cpuBefore) / 1e9;
		int total = Arrays.stream(counts).sum();
		long[] all = new long[total];
		int at = 0;
		for (int user = 0; user < this.connections; user++) {
			System.arraycopy(latencies[user], 0, all, at, counts[user]);
			at += counts[user];
		}
		Arrays.sort(all);
		return new Result(ok.get(), other.get(), new TreeMap<>(otherKinds), seconds, cpuSeconds, all);
	}

	private static long processCpuNanos() {
		return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
			.getOperatingSystemMXBean()).getProcessCpuTime();
	}

	void close() {
		this.pool.dispose();
	}

	/**
	 * @param cpuSeconds CPU time this whole JVM used meanwhile (load generator included):
	 * on a shared machine, CPU per answer says more than the rate
	 */
	record Result(long ok, long other, Map<String, AtomicLong> otherKinds, double seconds, double cpuSeconds,
			long[] sortedLatencies) {

		double perSecond() {
			return this.ok / this.seconds;
		}

		double percentileMillis(double p) {
			if (this.sortedLatencies.length == 0) {
				return 0;
			}
			int index = (int) Math.min(this.sortedLatencies.length - 1, Math.ceil(p * this.sortedLatencies.length) - 1);
			return this.sortedLatencies[Math.max(0, index)] / 1e6;
		}

		String describe() {
			return String.format(Locale.ROOT,
					"%,.0f/s answered as expected (%,d in %.1f s), %d other answers or errors %s; "
							+ "latency p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms; JVM CPU %.2f ms per answer",
					perSecond(), this.ok, this.seconds, this.other, this.otherKinds, percentileMillis(0.50),
					percentileMillis(0.95), percentileMillis(0.99), percentileMillis(1.0),
					1000 * this.cpuSeconds / Math.max(1, this.ok));
		}

	}

}
