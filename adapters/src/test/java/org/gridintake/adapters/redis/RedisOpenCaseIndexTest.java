package org.gridintake.adapters.redis;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.lettuce.core.RedisClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.gridintake.adapters.testing.TestServers;
import org.gridintake.routes.casedraft.CaseNumber;
import org.gridintake.routes.dedup.MergeCandidate;
import org.gridintake.routes.dedup.MergeDecider;
import org.gridintake.routes.dedup.MergeDecision;
import org.gridintake.routes.dedup.MergeFeatures;
import org.gridintake.routes.dedup.MergeIndexUnavailableException;
import org.gridintake.routes.dedup.MergeRules;
import org.gridintake.routes.dedup.OpenCase;
import org.gridintake.routes.dedup.OpenCaseIndex;
import org.gridintake.routes.geo.GeoPoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The open-case index against a real Redis: search, changes, rebuild, area locks across
 * two instances, and Redis going away and coming back.
 */
class RedisOpenCaseIndexTest {

	private static final String HYDRANT = "0107";

	private static final String LAMP = "0101";

	private static final GeoPoint HERE = new GeoPoint(116.4051, 39.9127);

	private static final Instant NOON = Instant.parse("2026-07-01T04:00:00Z");

	private static RedisClient client;

	private static RedisClient otherClient;

	private OpenCaseIndexSettings settings;

	private OpenCaseIndex index;

	@BeforeAll
	static void connect() {
		client = RedisAdapters.client(TestServers.redis().uri(), Duration.ofMillis(500));
		otherClient = RedisAdapters.client(TestServers.redis().uri(), Duration.ofMillis(500));
	}

	@AfterAll
	static void close() {
		client.shutdown();
		otherClient.shutdown();
	}

	@BeforeEach
	void freshIndex() {
		// a prefix of its own per test: nothing another test left behind is seen
		this.settings = OpenCaseIndexSettings.DEFAULTS.withKeyPrefix("test:" + UUID.randomUUID() + ":");
		this.index = RedisAdapters.openCaseIndex(client, this.settings);
		// as the gateway's catch-up does at start-up: an index is built before it is used
		this.index.replaceAll(List.of());
	}

	private static GeoPoint north(GeoPoint from, double meters) {
		return new GeoPoint(from.lon(), from.lat() + meters / 111_195.0);
	}

	private static GeoPoint east(GeoPoint from, double meters) {
		return new GeoPoint(from.lon() + meters / (111_195.0 * Math.cos(Math.toRadians(from.lat()))), from.lat());
	}

	private static final AtomicInteger serial = new AtomicInteger();

	private static OpenCase openCase(String category, GeoPoint point, Instant openedAt, String door, String problem) {
		return new OpenCase(UUID.randomUUID(),
				CaseNumber.of("QH", java.time.LocalDate.of(2026, 7, 1), serial.incrementAndGet()),
				new MergeFeatures(category, point, openedAt, door, problem));
	}

	@Test
	void nearFindsOpenCasesOfTheCategoryNearestFirstWithEverythingTheDecisionNeeds() {
		OpenCase far = openCase(HYDRANT, north(HERE, 80), NOON, null, "消防栓漏水");
		OpenCase near = openCase(HYDRANT, east(HERE, 25), NOON.plusSeconds(60), "和平路12号", "消防栓一直在漏水，水流满地");
		OpenCase outside = openCase(HYDRANT, north(HERE, 400), NOON, null, "消防栓漏水");
		OpenCase otherCategory = openCase(LAMP, HERE, NOON, null, "路灯不亮");
		List.of(far, near, outside, otherCategory).forEach(this.index::add);

		List<MergeCandidate> found = this.index.near(HYDRANT, HERE, 200, 10);

		assertThat(found).extracting(MergeCandidate::openCase).containsExactly(near, far);
		assertThat(found.get(0).distanceMeters()).isCloseTo(25, org.assertj.core.data.Offset.offset(0.5));
		assertThat(found.get(1).distanceMeters()).isCloseTo(80, org.assertj.core.data.Offset.offset(0.5));
		// Chinese text, door plate, time and case number come back intact
		assertThat(found.get(0).openCase().features().problemText()).isEqualTo("消防栓一直在漏水，水流满地");
		assertThat(this.index.near(HYDRANT, HERE, 200, 1)).extracting(MergeCandidate::openCase).containsExactly(near);
		assertThat(this.index.near(LAMP, HERE, 200, 10)).extracting(MergeCandidate::openCase)
			.containsExactly(otherCategory);
		assertThat(this.index.near("0102", HERE, 200, 10)).isEmpty();
	}

	@Test
	void aRemovedCaseIsNoLongerFound() {
		OpenCase kept = openCase(HYDRANT, HERE, NOON, null, "消防栓漏水");
		OpenCase closed = openCase(HYDRANT, north(HERE, 10), NOON, null, "消防栓漏水");
		this.index.add(kept);
		this.index.add(closed);

		this.index.remove(closed.caseId(), HYDRANT);
		// removing twice, or a case never added, changes nothing
		this.index.remove(closed.caseId(), HYDRANT);
		this.index.remove(UUID.randomUUID(), LAMP);

		assertThat(this.index.near(HYDRANT, HERE, 100, 10)).extracting(MergeCandidate::openCase).containsExactly(kept);
	}

	@Test
	void pruneDropsCasesOpenedBeforeTheWindowAcrossCategories() {
		Instant now = NOON.plus(Duration.ofDays(10));
		OpenCase recent = openCase(HYDRANT, HERE, now.minus(Duration.ofHours(2)), null, "消防栓漏水");
		List<OpenCase> old = new ArrayList<>();
		// more than one batch of the prune script
		for (int i = 0; i < 1_200; i++) {
			old.add(openCase((i % 2 == 0) ? HYDRANT : LAMP, east(HERE, i % 90), now.minus(Duration.ofDays(4)), null,
					"旧的"));
		}
		this.index.add(recent);
		old.forEach(this.index::add);

		this.index.prune(Duration.ofHours(72), now);

		assertThat(this.index.near(HYDRANT, HERE, 100, 50)).extracting(MergeCandidate::openCase)
			.containsExactly(recent);
		assertThat(this.index.near(LAMP, HERE, 100, 50)).isEmpty();
	}

	@Test
	void replaceAllPutsTheSourceOfTruthInPlaceOfWhateverWasThere() {
		OpenCase stale = openCase(HYDRANT, HERE, NOON, null, "消防栓漏水");
		OpenCase staleLamp = openCase(LAMP, HERE, NOON, null, "路灯不亮");
		this.index.add(stale);
		this.index.add(staleLamp);
		OpenCase truth = openCase(HYDRANT, north(HERE, 5), NOON, "和平路12号", "消防栓漏水");
		OpenCase truthPit = openCase("1106", HERE, NOON, null, "路面有坑");

		this.index.replaceAll(List.of(truth, truthPit));

		assertThat(this.index.near(HYDRANT, HERE, 100, 10)).extracting(MergeCandidate::openCase).containsExactly(truth);
		assertThat(this.index.near(LAMP, HERE, 100, 10)).isEmpty();
		assertThat(this.index.near("1106", HERE, 100, 10)).extracting(MergeCandidate::openCase)
			.containsExactly(truthPit);
		// the rebuilt index is an ordinary one
		this.index.remove(truth.caseId(), HYDRANT);
		this.index.prune(Duration.ofHours(1), NOON.plus(Duration.ofDays(1)));
		assertThat(this.index.near("1106", HERE, 100, 10)).isEmpty();

		this.index.add(stale);
		this.index.replaceAll(List.of());
		assertThat(this.index.near(HYDRANT, HERE, 100, 10)).isEmpty();
	}

	@Test
	void readersSeeTheOldIndexOrTheNewOneNeverHalfARebuild() throws Exception {
		List<OpenCase> before = new ArrayList<>();
		for (int i = 0; i < 40; i++) {
			before.add(openCase(HYDRANT, east(HERE, i), NOON, null, "旧"));
		}
		List<OpenCase> after = new ArrayList<>();
		for (int i = 0; i < 3_000; i++) {
			after.add(openCase(HYDRANT, north(HERE, i % 150), NOON, null, "新"));
		}
		this.index.replaceAll(before);
		Set<Integer> sizesSeen = java.util.concurrent.ConcurrentHashMap.newKeySet();
		AtomicBoolean rebuilding = new AtomicBoolean(true);
		ExecutorService reader = Executors.newSingleThreadExecutor();
		try {
			Future<?> reads = reader.submit(() -> {
				OpenCaseIndex readerIndex = RedisAdapters.openCaseIndex(otherClient, this.settings);
				do {
					sizesSeen.add(readerIndex.near(HYDRANT, HERE, 200, 5_000).size());
				}
				while (rebuilding.get());
				sizesSeen.add(readerIndex.near(HYDRANT, HERE, 200, 5_000).size());
			});
			this.index.replaceAll(after);
			rebuilding.set(false);
			reads.get(30, TimeUnit.SECONDS);
		}
		finally {
			reader.shutdownNow();
		}
		assertThat(sizesSeen).isSubsetOf(40, 3_000).contains(3_000);
	}

	@Test
	void aHeldAreaIsHeldForEveryInstanceUntilReleased() {
		OpenCaseIndexSettings quick = new OpenCaseIndexSettings(this.settings.keyPrefix(), 500, Duration.ofSeconds(10),
				Duration.ofMillis(200));
		OpenCaseIndex one = RedisAdapters.openCaseIndex(client, quick);
		OpenCaseIndex other = RedisAdapters.openCaseIndex(otherClient, quick);

		try (OpenCaseIndex.AreaLock held = one.lock(HYDRANT, HERE, 200)) {
			// a report 150 m away: its search circle covers the first report's point
			assertThatExceptionOfType(MergeIndexUnavailableException.class)
				.isThrownBy(() -> other.lock(HYDRANT, north(HERE, 150), 200))
				.withMessageContaining("held by another decision");
			// another category, or far enough away, is decided in parallel
			other.lock(LAMP, HERE, 200).close();
			other.lock(HYDRANT, east(HERE, 3_000), 200).close();
		}
		other.lock(HYDRANT, north(HERE, 150), 200).close();
	}

	@Test
	void anAreaHeldWithItsSearchIsHeldUntilTheNewMasterIsAddedAndReleasedWithIt() {
		OpenCaseIndexSettings quick = new OpenCaseIndexSettings(this.settings.keyPrefix(), 500, Duration.ofSeconds(10),
				Duration.ofMillis(200));
		OpenCaseIndex one = RedisAdapters.openCaseIndex(client, quick);
		OpenCaseIndex other = RedisAdapters.openCaseIndex(otherClient, quick);
		OpenCase earlier = openCase(HYDRANT, north(HERE, 60), NOON, null, "消防栓漏水");
		one.add(earlier);

		OpenCaseIndex.HeldArea area = one.hold(HYDRANT, HERE, 200, 10);
		assertThat(area.candidates()).extracting(MergeCandidate::openCase).containsExactly(earlier);
		assertThatExceptionOfType(MergeIndexUnavailableException.class)
			.isThrownBy(() -> other.hold(HYDRANT, north(HERE, 150), 200, 10))
			.withMessageContaining("held by another decision");
		assertThatExceptionOfType(MergeIndexUnavailableException.class)
			.isThrownBy(() -> other.lock(HYDRANT, north(HERE, 150), 200));

		OpenCase added = openCase(HYDRANT, HERE, NOON.plusSeconds(60), "和平路12号", "消防栓喷水");
		one.addAndRelease(added, area.lock());
		OpenCaseIndex.HeldArea next = other.hold(HYDRANT, north(HERE, 150), 200, 10);
		assertThat(next.candidates()).extracting(MergeCandidate::openCase).containsExactly(earlier, added);
		next.lock().close();
	}

	@Test
	void aLeaseThatRanOutIsNotFreedByItsFormerHolder() {
		OpenCaseIndexSettings shortLease = new OpenCaseIndexSettings(this.settings.keyPrefix(), 500,
				Duration.ofMillis(300), Duration.ofMillis(100));
		OpenCaseIndex crashed = RedisAdapters.openCaseIndex(client, shortLease);
		OpenCaseIndex other = RedisAdapters.openCaseIndex(otherClient, new OpenCaseIndexSettings(
				this.settings.keyPrefix(), 500, Duration.ofSeconds(30), Duration.ofMillis(100)));
		OpenCaseIndex.AreaLock stale = crashed.lock(HYDRANT, HERE, 200);

		OpenCaseIndex.AreaLock taken = await().atMost(Duration.ofSeconds(5))
			.ignoreException(MergeIndexUnavailableException.class)
			.until(() -> other.lock(HYDRANT, HERE, 200), (lock) -> lock != null);
		stale.close();

		assertThatExceptionOfType(MergeIndexUnavailableException.class)
			.isThrownBy(() -> crashed.lock(HYDRANT, HERE, 200));
		taken.close();
		crashed.lock(HYDRANT, HERE, 200).close();
	}

	@Test
	void lockCellsCoverTheWholeSearchCircle() {
		RedisOpenCaseIndex redisIndex = new RedisOpenCaseIndex(client, this.settings);
		for (int i = 0; i < 500; i++) {
			double angle = i * 0.7;
			double distance = (i % 50) * 4.0;
			GeoPoint other = north(east(HERE, distance * Math.cos(angle)), distance * Math.sin(angle));
			Set<String> mine = redisIndex.cells(HYDRANT, HERE, 200);
			assertThat(mine).as("cells around %s include those of %s", HERE, other)
				.containsAll(redisIndex.cells(HYDRANT, other, 0.001));
		}
	}

	/**
	 * Two gateway instances (two Redis clients) each get one report of one incident at
	 * the same moment and run the merge step: lock, search, decide, add a master if the
	 * decision is new, unlock. However the two interleave, exactly one becomes the master
	 * and the other merges into it.
	 */
	@Test
	void twoInstancesDecidingTwoReportsOfOneIncidentAtOnceMakeExactlyOneMaster() throws Exception {
		MergeDecider decider = new MergeDecider(MergeRules.DEFAULTS);
		OpenCaseIndex first = RedisAdapters.openCaseIndex(client, this.settings);
		OpenCaseIndex second = RedisAdapters.openCaseIndex(otherClient, this.settings);
		int rounds = 200;
		CyclicBarrier start = new CyclicBarrier(2);
		ExecutorService instances = Executors.newFixedThreadPool(2);
		try {
			for (int round = 0; round < rounds; round++) {
				// each round an incident of its own, 1 km from the last
				GeoPoint incident = east(HERE, 1_000.0 * round);
				List<OpenCase> masters = new CopyOnWriteArrayList<>();
				List<MergeDecision> decisions = new CopyOnWriteArrayList<>();
				MergeFeatures sms = new MergeFeatures(HYDRANT, north(incident, 20), NOON, "和平路12号", "消防栓漏水");
				MergeFeatures hotline = new MergeFeatures(HYDRANT, east(incident, 15), NOON, null, "消防栓一直在漏水");
				Future<?> a = instances.submit(mergeStep(first, decider, sms, start, masters, decisions));
				Future<?> b = instances.submit(mergeStep(second, decider, hotline, start, masters, decisions));
				a.get(10, TimeUnit.SECONDS);
				b.get(10, TimeUnit.SECONDS);

				assertThat(masters).as("masters in round %d", round).hasSize(1);
				assertThat(decisions).as("decisions in round %d", round)
					.filteredOn(MergeDecision.DuplicateOf.class::isInstance)
					.singleElement()
					.satisfies((duplicate) -> assertThat(((MergeDecision.DuplicateOf) duplicate).master())
						.isEqualTo(masters.get(0)));
				assertThat(first.near(HYDRANT, incident, 200, 10)).hasSize(1);
			}
		}
		finally {
			instances.shutdownNow();
		}
	}

	private static Callable<Void> mergeStep(OpenCaseIndex index, MergeDecider decider, MergeFeatures report,
			CyclicBarrier start, List<OpenCase> masters, List<MergeDecision> decisions) {
		return () -> {
			start.await(5, TimeUnit.SECONDS);
			double radius = decider.searchRadius(report.categoryCode());
			// as MergeStep does it: hold and search in one step, add and release in one
			OpenCaseIndex.HeldArea area = index.hold(report.categoryCode(), report.point(), radius,
					decider.maxCandidates());
			MergeDecision decision = decider.decide(report, area.candidates());
			decisions.add(decision);
			if (decision instanceof MergeDecision.NewMaster) {
				OpenCase master = openCase(report.categoryCode(), report.point(), report.at(), report.doorPlate(),
						report.problemText());
				masters.add(master);
				index.addAndRelease(master, area.lock());
			}
			else {
				area.lock().close();
			}
			return null;
		};
	}

	@Test
	void whileRedisIsDownTheIndexSaysSoAtOnceAndWorksAgainWhenItIsBack() {
		OpenCase before = openCase(HYDRANT, HERE, NOON, null, "消防栓漏水");
		this.index.add(before);
		TestServers.redis().stop();
		try {
			assertThatExceptionOfType(MergeIndexUnavailableException.class)
				.isThrownBy(() -> this.index.near(HYDRANT, HERE, 100, 10));
			assertThatExceptionOfType(MergeIndexUnavailableException.class)
				.isThrownBy(() -> this.index.lock(HYDRANT, HERE, 100));
			assertThatExceptionOfType(MergeIndexUnavailableException.class)
				.isThrownBy(() -> this.index.hold(HYDRANT, HERE, 100, 10));
			assertThatExceptionOfType(MergeIndexUnavailableException.class)
				.isThrownBy(() -> this.index.add(openCase(HYDRANT, HERE, NOON, null, "消防栓漏水")));
			assertThatExceptionOfType(MergeIndexUnavailableException.class)
				.isThrownBy(() -> this.index.replaceAll(List.of(before)));
			// an instance that never reached Redis fails as fast as one that lost it
			assertThatExceptionOfType(MergeIndexUnavailableException.class)
				.isThrownBy(() -> RedisAdapters.openCaseIndex(otherClient, this.settings).near(HYDRANT, HERE, 100, 10));
		}
		finally {
			TestServers.redis().start();
		}
		// Redis restarted empty: the index is rebuilt from the source of truth
		await().atMost(Duration.ofSeconds(10))
			.ignoreException(MergeIndexUnavailableException.class)
			.untilAsserted(() -> {
				this.index.replaceAll(List.of(before));
				assertThat(this.index.near(HYDRANT, HERE, 100, 10)).extracting(MergeCandidate::openCase)
					.containsExactly(before);
			});
		this.index.lock(HYDRANT, HERE, 100).close();
	}

	@Test
	void anIndexThatWasNeverBuiltRefusesToAnswerRatherThanFindNothing() {
		OpenCaseIndex unbuilt = RedisAdapters.openCaseIndex(client,
				OpenCaseIndexSettings.DEFAULTS.withKeyPrefix("test:" + UUID.randomUUID() + ":"));
		assertThat(unbuilt.isBuilt()).isFalse();
		assertThatExceptionOfType(MergeIndexUnavailableException.class)
			.isThrownBy(() -> unbuilt.near(HYDRANT, HERE, 100, 10))
			.withMessageContaining("not built");
		// refused before anything is held: a report arriving next is not kept waiting
		assertThatExceptionOfType(MergeIndexUnavailableException.class)
			.isThrownBy(() -> unbuilt.hold(HYDRANT, HERE, 100, 10))
			.withMessageContaining("not built");
		unbuilt.lock(HYDRANT, HERE, 100).close();
		unbuilt.replaceAll(List.of());
		assertThat(unbuilt.isBuilt()).isTrue();
		assertThat(unbuilt.near(HYDRANT, HERE, 100, 10)).isEmpty();
	}

}
