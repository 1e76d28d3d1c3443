package org.gridintake.adapters.redis;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.lettuce.core.RedisClient;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.gridintake.adapters.testing.TestServers;
import org.gridintake.routes.casedraft.CaseNumber;
import org.gridintake.routes.dedup.MergeDecider;
import org.gridintake.routes.dedup.MergeDecision;
import org.gridintake.routes.dedup.MergeFeatures;
import org.gridintake.routes.dedup.MergeRules;
import org.gridintake.routes.dedup.OpenCase;
import org.gridintake.routes.dedup.OpenCaseIndex;
import org.gridintake.routes.geo.GeoPoint;

/**
 * What the merge step adds to a report: lock the area, search the open masters, decide,
 * unlock, against the test Redis holding 10,000 and 100,000 open cases spread over the
 * sample district in its 18 categories. Prints decisions per second (one thread, and four
 * threads sharing one client as a gateway's request threads do) and the latency per
 * decision at p50 and p99. A measurement, not a test: it asserts nothing about speed, and
 * it is skipped unless {@code -Dbenchmark=true}:
 * {@code ./mvnw -B -ntp -q verify -pl adapters -am -Dtest=MergeBenchmark -Dbenchmark=true
 * -Dsurefire.failIfNoSpecifiedTests=false}
 */
@Tag("benchmark")
class MergeBenchmark {

	private static final Duration WARM_UP = Duration.ofSeconds(2);

	private static final Duration MEASURE = Duration.ofSeconds(5);

	private static final int THREADS = 4;

	/** The sample district's bounding box, WGS-84. */
	private static final double WEST = 116.372;

	private static final double SOUTH = 39.890;

	private static final double WIDTH = 0.066;

	private static final double HEIGHT = 0.047;

	private static final List<String> CATEGORIES = List.of("0101", "0102", "0103", "0104", "0105", "0106", "0107",
			"1101", "1102", "1103", "1104", "1105", "1106", "1107", "1108", "1109", "1110", "1111");

	private static final List<String> PROBLEMS = List.of("消防栓漏水", "路灯一闪一闪的", "井盖丢了", "垃圾桶被推倒了没人扶", "下雨后路面积水很深",
			"一棵树被风刮倒了横在路上", "早市把路都占了", "晚上施工噪音太大", "共享单车乱停堵住盲道", "电线杆上全是牛皮癣");

	private static final Instant NOW = Instant.parse("2026-08-01T04:00:00Z");

	@Test
	void mergeDecisionsPerSecond() throws Exception {
		Assumptions.assumeTrue(Boolean.getBoolean("benchmark"),
				"a benchmark; run it with -Dbenchmark=true -Dtest=MergeBenchmark");
		RedisClient client = RedisAdapters.client(TestServers.redis().uri(), Duration.ofSeconds(5));
		try {
			MergeDecider decider = new MergeDecider(MergeRules.DEFAULTS);
			StringBuilder results = new StringBuilder(String.format(Locale.ROOT,
					"%nMergeBenchmark: lock -> near -> decide -> unlock against the test Redis (%s), Java %s, %d cores%n"
							+ "%13s %8s %14s %10s %10s %18s %12s%n",
					TestServers.usesContainers() ? "Testcontainers" : "embedded", Runtime.version(),
					Runtime.getRuntime().availableProcessors(), "open cases", "threads", "decisions/s", "p50 ms",
					"p99 ms", "candidates/search", "merged"));
			for (int size : new int[] { 10_000, 100_000 }) {
				OpenCaseIndex index = RedisAdapters.openCaseIndex(client,
						OpenCaseIndexSettings.DEFAULTS.withKeyPrefix("bench:" + UUID.randomUUID() + ":"));
				long loading = System.nanoTime();
				index.replaceAll(openCases(size, new SplittableRandom(size)));
				System.out.printf(Locale.ROOT, "  %,d open cases loaded in %.1f s%n", size,
						(System.nanoTime() - loading) / 1e9);
				for (int threads : new int[] { 1, THREADS }) {
					run(index, decider, threads, WARM_UP);
					Run run = run(index, decider, threads, MEASURE);
					results.append(String.format(Locale.ROOT, "%,13d %8d %,14.0f %10.2f %10.2f %18.1f %11.0f%%%n", size,
							threads, run.perSecond(), run.percentileMillis(0.50), run.percentileMillis(0.99),
							run.candidatesPerSearch(), 100.0 * run.merged() / run.decisions()));
				}
				index.replaceAll(List.of());
			}
			System.out.print(results);
		}
		finally {
			client.shutdown();
		}
	}

	private static List<OpenCase> openCases(int count, SplittableRandom random) {
		List<OpenCase> cases = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			cases.add(new OpenCase(UUID.randomUUID(), CaseNumber.of("QH", java.time.LocalDate.of(2026, 7, 30), i + 1),
					features(random, NOW.minus(Duration.ofMinutes(random.nextInt(72 * 60))))));
		}
		return cases;
	}

	private static MergeFeatures features(SplittableRandom random, Instant at) {
		GeoPoint point = new GeoPoint(WEST + random.nextDouble() * WIDTH, SOUTH + random.nextDouble() * HEIGHT);
		String door = random.nextBoolean() ? "和平路" + (1 + random.nextInt(300)) + "号" : null;
		return new MergeFeatures(CATEGORIES.get(random.nextInt(CATEGORIES.size())), point, at, door,
				PROBLEMS.get(random.nextInt(PROBLEMS.size())));
	}

	private static Run run(OpenCaseIndex index, MergeDecider decider, int threads, Duration duration) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		try {
			List<Future<Run>> runs = new ArrayList<>();
			for (int t = 0; t < threads; t++) {
				long seed = t;
				runs.add(pool.submit(() -> decide(index, decider, new SplittableRandom(seed), duration)));
			}
			Run total = new Run(new long[0], 0, 0, 0, 0);
			for (Future<Run> run : runs) {
				total = total.plus(run.get());
			}
			return total;
		}
		finally {
			pool.shutdownNow();
		}
	}

	private static Run decide(OpenCaseIndex index, MergeDecider decider, SplittableRandom random, Duration duration) {
		long[] latencies = new long[1 << 20];
		int count = 0;
		long candidates = 0;
		long merged = 0;
		long start = System.nanoTime();
		long end = start + duration.toNanos();
		long now;
		do {
			MergeFeatures report = features(random, NOW);
			long before = System.nanoTime();
			double radius = decider.searchRadius(report.categoryCode());
			MergeDecision decision;
			int found;
			try (OpenCaseIndex.AreaLock area = index.lock(report.categoryCode(), report.point(), radius)) {
				var near = index.near(report.categoryCode(), report.point(), radius, decider.maxCandidates());
				found = near.size();
				decision = decider.decide(report, near);
			}
			now = System.nanoTime();
			if (count < latencies.length) {
				latencies[count] = now - before;
			}
			count++;
			candidates += found;
			merged += (decision instanceof MergeDecision.DuplicateOf) ? 1 : 0;
		}
		while (now < end);
		return new Run(Arrays.copyOf(latencies, Math.min(count, latencies.length)), count, candidates, merged,
				now - start);
	}

	/**
	 * @param latencies nanoseconds per decision
	 * @param decisions how many
	 * @param candidates open masters found in all searches
	 * @param merged decisions that merged
	 * @param elapsedNanos the longest thread's time
	 */
	private record Run(long[] latencies, long decisions, long candidates, long merged, long elapsedNanos) {

		Run plus(Run other) {
			long[] all = Arrays.copyOf(this.latencies, this.latencies.length + other.latencies.length);
			System.arraycopy(other.latencies, 0, all, this.latencies.length, other.latencies.length);
			return new Run(all, this.decisions + other.decisions, this.candidates + other.candidates,
					this.merged + other.merged, Math.max(this.elapsedNanos, other.elapsedNanos));
		}

		double perSecond() {
			return this.decisions / (this.elapsedNanos / 1e9);
		}

		double candidatesPerSearch() {
			return (double) this.candidates / this.decisions;
		}

		double percentileMillis(double share) {
			long[] sorted = this.latencies.clone();
			Arrays.sort(sorted);
			return sorted[(int) Math.min(sorted.length - 1, Math.floor(share * sorted.length))] / 1e6;
		}

	}

}
