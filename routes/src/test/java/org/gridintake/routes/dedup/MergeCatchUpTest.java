package org.gridintake.routes.dedup;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.gridintake.routes.casedraft.CaseNumber;
import org.gridintake.routes.geo.GeoPoint;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The catch-up after the merge index was lost, against in-memory stand-ins for the two
 * ports (the Redis and PostgreSQL sides are tested against real servers in adapters).
 */
class MergeCatchUpTest {

	private static final String MANHOLE = "0101";

	private static final Instant NOON = Instant.parse("2026-07-01T04:00:00Z");

	private static final GeoPoint SCHOOL_GATE = new GeoPoint(116.3811, 39.9101);

	private final Records records = new Records();

	private final Index index = new Index();

	private final MergeCatchUp catchUp = new MergeCatchUp(this.records, this.index,
			new MergeDecider(MergeRules.DEFAULTS), Duration.ofDays(7), Duration.ofMinutes(10),
			Clock.fixed(NOON.plusSeconds(600), ZoneOffset.UTC));

	private static OpenCase report(int number, double metersEast, Instant at) {
		GeoPoint point = new GeoPoint(SCHOOL_GATE.lon() + metersEast / 85_000.0, SCHOOL_GATE.lat());
		return new OpenCase(UUID.randomUUID(), new CaseNumber("QH20260701-%06d".formatted(number)),
				new MergeFeatures(MANHOLE, point, at, null, "井盖松动踩上去晃"));
	}

	@Test
	void reportsKeptWhileTheIndexWasAwayAreDecidedBeforeItGoesLive() {
		OpenCase first = this.records.pending(report(1, 0, NOON));
		OpenCase second = this.records.pending(report(2, 8, NOON.plusSeconds(60)));

		this.catchUp.run();

		assertThat(this.index.liveAtSwap).as("the index went live holding the first report only")
			.containsExactly(first.caseId());
		assertThat(this.records.stateAtSwap).as("both were decided before it went live")
			.containsEntry(first.caseId(), "DECIDED")
			.containsEntry(second.caseId(), "MERGED into " + first.caseNumber().value());
		// a third report arriving the moment the index is back finds the first
		assertThat(this.index.near(MANHOLE, report(3, 4, NOON.plusSeconds(600)).features().point(), 100, 5))
			.extracting((candidate) -> candidate.openCase().caseId())
			.containsExactly(first.caseId());
	}

	@Test
	void aKeptReportJoinsAMasterOpenedBeforeTheOutageAndAFarOneOpensItsOwnCase() {
		OpenCase master = this.records.decided(report(1, 0, NOON.minusSeconds(3600)));
		OpenCase sameIncident = this.records.pending(report(2, 20, NOON));
		OpenCase otherIncident = this.records.pending(report(3, 900, NOON.plusSeconds(5)));

		this.catchUp.run();

		assertThat(this.records.state)
			.containsEntry(sameIncident.caseId(), "MERGED into " + master.caseNumber().value())
			.containsEntry(otherIncident.caseId(), "DECIDED");
		assertThat(this.index.live.keySet()).containsExactlyInAnyOrder(master.caseId(), otherIncident.caseId());
	}

	@Test
	void whileTheIndexStaysAwayAKeptReportWaitsItsHoldThenGoesOutAsACaseOfItsOwn() {
		this.index.reachable = false;
		OpenCase overdue = this.records.pending(report(1, 0, NOON.minusSeconds(60)));
		OpenCase recent = this.records.pending(report(2, 500, NOON.plusSeconds(300)));

		this.catchUp.run();

		assertThat(this.records.state).containsEntry(overdue.caseId(), "DECIDED")
			.containsEntry(recent.caseId(), "PENDING");
		this.index.reachable = true;
		this.catchUp.run();
		assertThat(this.records.state).containsEntry(recent.caseId(), "DECIDED");
		assertThat(this.index.live.keySet()).contains(recent.caseId());
	}

	/** The case store's merge side: a case is PENDING, DECIDED or "MERGED into N". */
	private final class Records implements MergeRecords {

		final Map<UUID, OpenCase> cases = new LinkedHashMap<>();

		final Map<UUID, String> state = new LinkedHashMap<>();

		Map<UUID, String> stateAtSwap;

		OpenCase pending(OpenCase openCase) {
			this.cases.put(openCase.caseId(), openCase);
			this.state.put(openCase.caseId(), "PENDING");
			return openCase;
		}

		OpenCase decided(OpenCase openCase) {
			pending(openCase);
			this.state.put(openCase.caseId(), "DECIDED");
			return openCase;
		}

		private List<OpenCase> in(String wanted) {
			return this.cases.values()
				.stream()
				.filter((openCase) -> wanted.equals(this.state.get(openCase.caseId())))
				.sorted(Comparator.comparing((OpenCase openCase) -> openCase.features().at()))
				.toList();
		}

		@Override
		public List<OpenCase> openMasters(Instant since) {
			return in("DECIDED");
		}

		@Override
		public List<OpenCase> closedSince(Instant since) {
			return List.of();
		}

		@Override
		public List<OpenCase> pendingMerges(int limit) {
			return in("PENDING").stream().limit(limit).toList();
		}

		@Override
		public boolean linkPending(UUID caseId, MergeLink link) {
			if (!"PENDING".equals(this.state.get(caseId)) || !"DECIDED".equals(this.state.get(link.masterId()))) {
				return false;
			}
			this.state.put(caseId, "MERGED into " + link.masterNumber().value());
			return true;
		}

		@Override
		public void markDecided(UUID caseId) {
			this.state.replace(caseId, "PENDING", "DECIDED");
		}

		@Override
		public SplitOutcome split(CaseNumber duplicate, String operator, String reason, Instant at) {
			throw new UnsupportedOperationException();
		}

	}

	/** The open-case index; {@code reachable = false} stands for Redis being down. */
	private final class Index implements OpenCaseIndex {

		final Map<UUID, OpenCase> live = new LinkedHashMap<>();

		boolean built;

		boolean reachable = true;

		List<UUID> liveAtSwap;

		private void reach() {
			if (!this.reachable) {
				throw new MergeIndexUnavailableException("Redis down (test)", null);
			}
		}

		@Override
		public List<MergeCandidate> near(String categoryCode, GeoPoint point, double radiusMeters, int limit) {
			reach();
			List<MergeCandidate> found = new ArrayList<>();
			for (OpenCase openCase : this.live.values()) {
				double distance = point.distanceMeters(openCase.features().point());
				if (categoryCode.equals(openCase.features().categoryCode()) && distance <= radiusMeters) {
					found.add(new MergeCandidate(openCase, distance));
				}
			}
			found.sort(Comparator.comparingDouble(MergeCandidate::distanceMeters));
			return found.stream().limit(limit).toList();
		}

		@Override
		public void add(OpenCase openCase) {
			reach();
			this.live.put(openCase.caseId(), openCase);
		}

		@Override
		public void remove(UUID caseId, String categoryCode) {
			reach();
			this.live.remove(caseId);
		}

		@Override
		public void prune(Duration maxAge, Instant now) {
			reach();
		}

		@Override
		public AreaLock lock(String categoryCode, GeoPoint point, double radiusMeters) {
			reach();
			return () -> {
			};
		}

		@Override
		public boolean isBuilt() {
			reach();
			return this.built;
		}

		@Override
		public void replaceAll(Collection<OpenCase> openCases) {
			reach();
			this.live.clear();
			openCases.forEach((openCase) -> this.live.put(openCase.caseId(), openCase));
			this.built = true;
			this.liveAtSwap = List.copyOf(this.live.keySet());
			MergeCatchUpTest.this.records.stateAtSwap = Map.copyOf(MergeCatchUpTest.this.records.state);
		}

	}

}
