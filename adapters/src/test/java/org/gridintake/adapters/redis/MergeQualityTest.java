package org.gridintake.adapters.redis;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lettuce.core.RedisClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.gridintake.adapters.geo.GazetteerAdapters;
import org.gridintake.adapters.geo.GridAdapters;
import org.gridintake.adapters.testing.TestServers;
import org.gridintake.routes.casedraft.CaseNumber;
import org.gridintake.routes.casedraft.Channel;
import org.gridintake.routes.casedraft.ChannelRef;
import org.gridintake.routes.casedraft.RawMessage;
import org.gridintake.routes.casedraft.ReportOrigin;
import org.gridintake.routes.casedraft.ReportedPoint;
import org.gridintake.routes.casedraft.Reporter;
import org.gridintake.routes.dedup.PairwiseScore;
import org.gridintake.routes.dedup.CategoryClassifier;
import org.gridintake.routes.dedup.Classification;
import org.gridintake.routes.dedup.LabelledText;
import org.gridintake.routes.dedup.MergeCandidate;
import org.gridintake.routes.dedup.MergeDecider;
import org.gridintake.routes.dedup.MergeDecision;
import org.gridintake.routes.dedup.MergeEvidence;
import org.gridintake.routes.dedup.MergeFeatures;
import org.gridintake.routes.dedup.MergeRules;
import org.gridintake.routes.dedup.OpenCase;
import org.gridintake.routes.dedup.OpenCaseIndex;
import org.gridintake.routes.geo.Crs;
import org.gridintake.routes.geo.GeoPoint;
import org.gridintake.routes.geo.GridLevel;
import org.gridintake.routes.geo.GridLocator;
import org.gridintake.routes.geo.LocateStep;
import org.gridintake.routes.geo.PlaceGeocoder;
import org.gridintake.routes.geo.PlaceMatch;
import org.gridintake.routes.intake.InboundReport;
import org.gridintake.routes.intake.IntakeWork;
import org.gridintake.routes.intake.InvalidReportException;
import org.gridintake.routes.intake.TextNormaliser;
import org.gridintake.routes.routing.Category;
import org.gridintake.routes.routing.Taxonomy;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Replays the sample district's labelled reports in {@code received_at} order through the
 * real steps (normalise, locate with the gazetteer and grid registry of {@code config/},
 * classify reports that came without a category, then lock, search, decide and add
 * masters in a real Redis open-case index) and scores the outcome pairwise: two reports
 * are merged when they end up in one case, truly the same when they share
 * {@code truth.incident}. Prints the table and the false merges and misses, and fails
 * below the project's floors.
 *
 * <p>
 * The classifier is scored fairly: reports are split into {@value #FOLDS} folds by
 * incident and each report is classified by a model trained on the other folds only, so
 * neither its own label nor a reworded text of its own incident was seen in training.
 * Category accuracy counts a report sent to triage (below the classifier's confidence
 * threshold) as wrong.
 *
 * <p>
 * Print the table: {@code ./mvnw -B -ntp -q verify -pl adapters -am
 * -Dtest=MergeQualityTest -Dsurefire.failIfNoSpecifiedTests=false}
 */
class MergeQualityTest {

	private static final double PRECISION_FLOOR = 0.95;

	private static final double RECALL_FLOOR = 0.90;

	private static final double SMS_ACCURACY_FLOOR = 0.85;

	private static final int FOLDS = 10;

	private static final ObjectMapper JSON = new ObjectMapper();

	private static final List<String> CHANNELS = List.of("sms", "hotline", "portal", "field");

	private static RedisClient client;

	private static LocateStep locate;

	private static Taxonomy taxonomy;

	private static List<JsonNode> reports;

	private static List<Prepared> prepared;

	@BeforeAll
	static void load() throws IOException {
		Path config = configDir();
		GridLocator locator = GridAdapters.gridLocator(config.resolve("grids.geojson"));
		PlaceGeocoder geocoder = GazetteerAdapters.placeGeocoder(config.resolve("places.geojson"),
				config.resolve("grids.geojson"));
		// as configured in application.yaml
		locate = new LocateStep(locator, geocoder, PlaceMatch.LOCATING_CONFIDENCE, 300);
		taxonomy = taxonomy(config.resolve("categories.json"));
		reports = reports();
		client = RedisAdapters.client(TestServers.redis().uri(), Duration.ofSeconds(2));
	}

	@AfterAll
	static void close() {
		client.shutdown();
	}

	@Test
	void mergingTheSampleDistrictReachesTheFloors() {
		Replay replay = replay(MergeRules.DEFAULTS);
		PairwiseScore score = replay.score();
		System.out.print(replay.table(score));
		System.out.print(replay.notes());

		assertThat(score.precision()).as("pairwise precision").isGreaterThanOrEqualTo(PRECISION_FLOOR);
		assertThat(score.recall()).as("pairwise recall").isGreaterThanOrEqualTo(RECALL_FLOOR);
		assertThat(replay.categoryAccuracy("sms")).as("SMS category accuracy, triage counted wrong")
			.isGreaterThanOrEqualTo(SMS_ACCURACY_FLOOR);
	}

	/**
	 * How the merge scores when one rule moves away from the defaults, to show the
	 * defaults are not a lucky point: {@code -Dmerge.sweep=true -Dtest=MergeQualityTest}.
	 */
	@Test
	void sensitivityOfTheRules() {
		Assumptions.assumeTrue(Boolean.getBoolean("merge.sweep"),
				"prints how the score moves with each rule; run with -Dmerge.sweep=true");
		MergeRules d = MergeRules.DEFAULTS;
		Map<String, MergeRules> variants = new LinkedHashMap<>();
		variants.put("defaults", d);
		for (double radius : new double[] { 50, 75, 150, 200 }) {
			variants.put("radius " + (int) radius, d.withRadius(radius, d.radiusByCategory()));
		}
		for (double water : new double[] { 100, 150, 200, 350 }) {
			variants.put("waterlogging " + (int) water, d.withRadius(d.radiusMeters(), Map.of(MergeRules.WATERLOGGING,
					water, MergeRules.FALLEN_TREE, d.radiusMeters(MergeRules.FALLEN_TREE))));
		}
		for (double tree : new double[] { 100, 200, 300 }) {
			variants.put("fallen tree " + (int) tree, d.withRadius(d.radiusMeters(), Map.of(MergeRules.WATERLOGGING,
					d.radiusMeters(MergeRules.WATERLOGGING), MergeRules.FALLEN_TREE, tree)));
		}
		for (double slack : new double[] { 0, 50, 200 }) {
			variants.put("same-door slack " + (int) slack, d.withSameDoorSlack(slack));
		}
		for (double veto : new double[] { 0, 0.02, 0.10, 0.15 }) {
			variants.put("veto below " + veto, d.withVetoBelow(veto));
		}
		for (int hours : new int[] { 12, 24, 168 }) {
			variants.put("window " + hours + " h", d.withWindow(Duration.ofHours(hours), Map.of()));
		}
		StringBuilder table = new StringBuilder(String.format(Locale.ROOT, "%n%-22s %9s %8s %8s %8s %8s %6s%n", "rules",
				"precision", "recall", "F1", "wrong", "missed", "cases"));
		variants.forEach((name, rules) -> {
			Replay replay = replay(rules);
			PairwiseScore score = replay.score();
			table.append(String.format(Locale.ROOT, "%-22s %9.3f %8.3f %8.3f %8d %8d %6d%n", name, score.precision(),
					score.recall(), score.f1(), score.mergedPairs() - score.rightPairs(),
					score.truePairs() - score.rightPairs(), replay.cases()));
		});
		table.append("(wrong: pairs merged across incidents; missed: pairs of one incident left apart)\n");
		System.out.print(table);
	}

	/**
	 * Every report normalised, located and categorised once: those steps do not depend on
	 * the merge rules.
	 */
	private static List<Prepared> prepared() {
		if (prepared == null) {
			Map<Integer, CategoryClassifier> classifiers = classifiers();
			TextNormaliser normaliser = new TextNormaliser();
			List<Prepared> all = new ArrayList<>();
			for (JsonNode report : reports) {
				IntakeWork work = normaliser.normalise(IntakeWork.of(inbound(report)));
				try {
					work = locate.locate(work);
				}
				catch (InvalidReportException ex) {
					// a point outside the area is refused at the door in the gateway
				}
				if (work.categoryCode() == null) {
					Optional<Classification> found = classifiers.get(fold(report)).classify(work.text());
					if (found.isPresent()) {
						work = work.withCategory(found.get().categoryCode());
					}
				}
				all.add(new Prepared(report, work));
			}
			prepared = all;
		}
		return prepared;
	}

	private record Prepared(JsonNode report, IntakeWork work) {
	}

	/**
	 * One pass of the merge step over all reports with these rules, against an index of
	 * its own, as the gateway runs it: lock the area, search, decide, add a new master,
	 * unlock.
	 */
	static Replay replay(MergeRules rules) {
		MergeDecider decider = new MergeDecider(rules);
		OpenCaseIndex index = RedisAdapters.openCaseIndex(client,
				OpenCaseIndexSettings.DEFAULTS.withKeyPrefix("quality:" + UUID.randomUUID() + ":"));
		index.replaceAll(List.of());
		Duration longestWindow = rules.windowByCategory()
			.values()
			.stream()
			.reduce(rules.window(), (a, b) -> (a.compareTo(b) >= 0) ? a : b);
		Replay replay = new Replay(decider);
		long serial = 0;
		for (Prepared one : prepared()) {
			MergeFeatures features = decider.features(one.work());
			index.prune(longestWindow, features.at());
			MergeDecision decision;
			OpenCase master = null;
			List<MergeCandidate> candidates = List.of();
			if (features.categoryCode() == null || features.point() == null) {
				decision = decider.decide(features, List.of());
			}
			else {
				double radius = decider.searchRadius(features.categoryCode());
				try (OpenCaseIndex.AreaLock area = index.lock(features.categoryCode(), features.point(), radius)) {
					candidates = index.near(features.categoryCode(), features.point(), radius, decider.maxCandidates());
					decision = decider.decide(features, candidates);
					if (decision instanceof MergeDecision.NewMaster) {
						master = new OpenCase(UUID.randomUUID(),
								CaseNumber.of("QH", java.time.LocalDate.of(2026, 7, 1), ++serial), features);
						index.add(master);
					}
				}
			}
			replay.record(one.report(), one.work(), features, candidates, decision, master);
		}
		index.replaceAll(List.of());
		return replay;
	}

	private static int fold(JsonNode report) {
		return Math.floorMod(incident(report).hashCode(), FOLDS);
	}

	private static Map<Integer, CategoryClassifier> classifiers() {
		Map<Integer, CategoryClassifier> classifiers = new HashMap<>();
		for (int fold = 0; fold < FOLDS; fold++) {
			int held = fold;
			List<LabelledText> history = reports.stream()
				.filter((report) -> fold(report) != held)
				.map((report) -> new LabelledText(words(report), truth(report, "category")))
				.toList();
			classifiers.put(fold, new CategoryClassifier(taxonomy, history));
		}
		return classifiers;
	}

	/** A report as its channel hands it to the pipeline. */
	private static InboundReport inbound(JsonNode report) {
		String channel = report.get("channel").asText();
		Instant receivedAt = OffsetDateTime.parse(report.get("received_at").asText()).toInstant();
		String text = words(report);
		ReportedPoint point = null;
		if (report.hasNonNull("location")) {
			JsonNode location = report.get("location");
			point = new ReportedPoint(new GeoPoint(location.get("lon").asDouble(), location.get("lat").asDouble()),
					Crs.fromCode(location.get("crs").asText()).orElseThrow(),
					location.hasNonNull("accuracy_m") ? location.get("accuracy_m").asDouble() : null);
		}
		String address = report.hasNonNull("address") ? report.get("address").asText() : null;
		String category = report.hasNonNull("category") ? report.get("category").asText() : null;
		ReportOrigin origin = switch (channel) {
			case "hotline" -> ReportOrigin.operator(report.get("operator").asText());
			case "field" -> ReportOrigin.gridWorker(report.get("worker").asText(), receivedAt, false, List.of());
			default -> ReportOrigin.RESIDENT;
		};
		return new InboundReport(Channel.fromCode(channel),
				new ChannelRef(report.get("id").asText(), ChannelRef.Kind.CHANNEL), receivedAt, Reporter.anonymous(),
				text, point, address, category, RawMessage.utf8("application/json", report.toString()), origin);
	}

	/** The words a gateway gets: the hotline operator's summary, everyone else's text. */
	private static String words(JsonNode report) {
		return report.get("channel").asText().equals("hotline") ? report.path("summary").asText()
				: report.path("text").asText();
	}

	private static String incidentOf(Outcome outcome) {
		return incident(outcome.report());
	}

	private static String incident(JsonNode report) {
		return truth(report, "incident");
	}

	private static String truth(JsonNode report, String field) {
		return report.path("truth").path(field).asText(null);
	}

	/** What happened to each report in a replay. */
	static final class Replay {

		private final MergeDecider decider;

		private final List<Outcome> outcomes = new ArrayList<>();

		private final Map<UUID, OpenCase> masters = new HashMap<>();

		private final Map<UUID, String> masterIncidents = new HashMap<>();

		/** Per rule: candidates it kept apart of the report's own incident, of others. */
		private final Map<String, int[]> ruleVerdicts = new TreeMap<>();

		private final List<String> vetoes = new ArrayList<>();

		Replay(MergeDecider decider) {
			this.decider = decider;
		}

		void record(JsonNode report, IntakeWork work, MergeFeatures features, List<MergeCandidate> candidates,
				MergeDecision decision, OpenCase master) {
			for (MergeCandidate candidate : candidates) {
				MergeDecider.Assessment assessment = this.decider.assess(features, candidate);
				String verdict = assessment.mergeable() ? "(passes every rule)" : assessment.brokenRule().name();
				boolean same = incident(report).equals(this.masterIncidents.get(candidate.openCase().caseId()));
				this.ruleVerdicts.computeIfAbsent(verdict, (v) -> new int[2])[same ? 0 : 1]++;
				if (assessment.brokenRule() == MergeDecider.Rule.TEXT) {
					this.vetoes.add(String.format(Locale.ROOT, "  %s %s vs master of %s: %s", report.get("id").asText(),
							same ? "SAME incident" : "other incident",
							this.masterIncidents.get(candidate.openCase().caseId()), assessment.rejection()));
				}
			}
			UUID caseId;
			if (decision instanceof MergeDecision.DuplicateOf duplicate) {
				caseId = duplicate.master().caseId();
			}
			else if (master != null) {
				caseId = master.caseId();
				this.masters.put(caseId, master);
				this.masterIncidents.put(caseId, incident(report));
			}
			else {
				caseId = UUID.randomUUID();
			}
			this.outcomes.add(new Outcome(report, work, features, decision, caseId));
		}

		PairwiseScore score() {
			return PairwiseScore.of(this.outcomes, MergeQualityTest::incidentOf, Outcome::caseId, (outcome) -> true);
		}

		double categoryAccuracy(String channel) {
			int[] tally = categoryTally(channel);
			return (double) tally[2] / tally[0];
		}

		/** reports, categorised, correct. */
		private int[] categoryTally(String channel) {
			int[] tally = new int[3];
			for (Outcome outcome : this.outcomes) {
				if (channel.equals("all") || outcome.channel().equals(channel)) {
					tally[0]++;
					String category = outcome.features().categoryCode();
					tally[1] += (category != null) ? 1 : 0;
					tally[2] += (category != null && category.equals(truth(outcome.report(), "category"))) ? 1 : 0;
				}
			}
			return tally;
		}

		String table(PairwiseScore all) {
			StringBuilder table = new StringBuilder();
			MergeRules rules = this.decider.rules();
			table.append(String.format(Locale.ROOT,
					"%nMerge quality on the sample district: %d reports replayed in received_at order; "
							+ "radius %.0f m %s, same-door slack %.0f m, window %s, veto below %.2f%n",
					this.outcomes.size(), rules.radiusMeters(), rules.radiusByCategory(), rules.sameDoorSlackMeters(),
					rules.window(), rules.vetoBelow()));
			table.append(String.format(Locale.ROOT,
					"Cases: %d for %d true incidents; %d reports not mergeable " + "(no point or no category)%n",
					cases(), incidents(), notMergeable()));
			table.append(String.format(Locale.ROOT, "%-9s %7s %8s %9s %9s %9s %7s %7s %7s %9s %8s %8s%n", "channel",
					"reports", "located", "category", "triage", "cat.acc", "pairs", "merged", "right", "precision",
					"recall", "F1"));
			for (String channel : CHANNELS) {
				table.append(row(channel, PairwiseScore.of(this.outcomes, MergeQualityTest::incidentOf, Outcome::caseId,
						(outcome) -> outcome.channel().equals(channel))));
			}
			table.append(row("all", all));
			table.append("(pairs: truly-same pairs involving a report of the channel; merged: pairs put in one case; "
					+ "right: both)\n");
			table.append(mergeDistances());
			table.append(String.format(Locale.ROOT,
					"Open masters found near a report, by the first rule that kept them apart:%n%-20s %16s %19s%n",
					"rule", "same incident", "other incidents"));
			this.ruleVerdicts.forEach((rule, counts) -> table
				.append(String.format(Locale.ROOT, "%-20s %16d %19d%n", rule, counts[0], counts[1])));
			return table.toString();
		}

		/**
		 * How far apart the reports merged into a master were, of one incident or not.
		 */
		private String mergeDistances() {
			List<Double> right = new ArrayList<>();
			List<Double> wrong = new ArrayList<>();
			long sameDoor = 0;
			for (Outcome outcome : this.outcomes) {
				if (outcome.decision() instanceof MergeDecision.DuplicateOf duplicate) {
					boolean same = incident(outcome.report()).equals(this.masterIncidents.get(outcome.caseId()));
					(same ? right : wrong).add(duplicate.evidence().distanceMeters());
					sameDoor += (duplicate.evidence().door() == MergeEvidence.DoorEvidence.SAME_DOOR) ? 1 : 0;
				}
			}
			return String.format(Locale.ROOT,
					"Merges: %d into a master of the same incident (distance p50 %.0f m, p90 %.0f m, max %.0f m), "
							+ "%d into another incident's; %d with the same door plate%n",
					right.size(), percentile(right, 0.5), percentile(right, 0.9), percentile(right, 1.0), wrong.size(),
					sameDoor);
		}

		private static double percentile(List<Double> values, double share) {
			List<Double> sorted = values.stream().sorted().toList();
			return sorted.isEmpty() ? 0
					: sorted.get((int) Math.min(sorted.size() - 1, Math.floor(share * sorted.size())));
		}

		private String row(String channel, PairwiseScore score) {
			int[] category = categoryTally(channel);
			long located = this.outcomes.stream()
				.filter((outcome) -> channel.equals("all") || outcome.channel().equals(channel))
				.filter((outcome) -> outcome.features().point() != null)
				.count();
			return String.format(Locale.ROOT, "%-9s %7d %8d %9d %9d %9.3f %7d %7d %7d %9.3f %8.3f %8.3f%n", channel,
					category[0], located, category[1], category[0] - category[1], (double) category[2] / category[0],
					score.truePairs(), score.mergedPairs(), score.rightPairs(), score.precision(), score.recall(),
					score.f1());
		}

		long cases() {
			return this.outcomes.stream().map(Outcome::caseId).distinct().count();
		}

		private long incidents() {
			return this.outcomes.stream().map((outcome) -> incident(outcome.report())).distinct().count();
		}

		private long notMergeable() {
			return this.outcomes.stream()
				.filter((outcome) -> outcome.decision() instanceof MergeDecision.NotMergeable)
				.count();
		}

		/**
		 * False merges (a case holding reports of several incidents) and misses (an
		 * incident spread over several cases), each with what the rules made of it.
		 */
		String notes() {
			StringBuilder notes = new StringBuilder();
			Map<UUID, List<Outcome>> byCase = new LinkedHashMap<>();
			Map<String, List<Outcome>> byIncident = new LinkedHashMap<>();
			for (Outcome outcome : this.outcomes) {
				byCase.computeIfAbsent(outcome.caseId(), (id) -> new ArrayList<>()).add(outcome);
				byIncident.computeIfAbsent(incident(outcome.report()), (id) -> new ArrayList<>()).add(outcome);
			}
			notes.append("Masters kept apart by the words alone:\n");
			this.vetoes.forEach((veto) -> notes.append(veto).append('\n'));
			notes.append("False merges (cases holding reports of more than one incident):\n");
			byCase.values()
				.stream()
				.filter((members) -> members.stream().map((o) -> incident(o.report())).distinct().count() > 1)
				.forEach((members) -> {
					Outcome first = members.get(0);
					notes.append("  case of ").append(id(first)).append('\n');
					for (Outcome member : members) {
						notes.append("    ").append(describe(member));
						if (member != first && member.decision() instanceof MergeDecision.DuplicateOf duplicate) {
							notes.append(String.format(Locale.ROOT, "  <- %.0f m, sim %.2f, %s, gap %s",
									duplicate.evidence().distanceMeters(), duplicate.evidence().similarity(),
									duplicate.evidence().door(), duplicate.evidence().timeGap()));
						}
						notes.append('\n');
					}
				});
			notes.append("Misses (incidents split over more than one case; each report outside the incident's "
					+ "largest case, and why it is not in it):\n");
			Map<String, Integer> reasons = new TreeMap<>();
			long missedPairs = 0;
			for (Map.Entry<String, List<Outcome>> incident : byIncident.entrySet()) {
				Map<UUID, List<Outcome>> cases = new LinkedHashMap<>();
				incident.getValue().forEach((o) -> cases.computeIfAbsent(o.caseId(), (id) -> new ArrayList<>()).add(o));
				if (cases.size() < 2) {
					continue;
				}
				List<Outcome> largest = cases.values().stream().max(Comparator.comparingInt(List::size)).orElseThrow();
				int n = incident.getValue().size();
				long missed = (long) n * (n - 1) / 2
						- cases.values().stream().mapToLong((c) -> (long) c.size() * (c.size() - 1) / 2).sum();
				missedPairs += missed;
				notes.append("  incident ")
					.append(incident.getKey())
					.append(": ")
					.append(missed)
					.append(" pairs missed, ")
					.append(cases.size())
					.append(" cases, largest of ")
					.append(largest.size())
					.append(" led by ")
					.append(describe(largest.get(0)))
					.append('\n');
				for (Outcome outcome : incident.getValue()) {
					if (largest.contains(outcome)) {
						continue;
					}
					String[] why = why(outcome, largest.get(0));
					reasons.merge(why[0], 1, Integer::sum);
					notes.append("    ").append(describe(outcome)).append("\n      -> ").append(why[1]).append('\n');
				}
			}
			notes.append(missedPairs)
				.append(" pairs missed; reasons for reports missing their incident's largest case: ")
				.append(reasons)
				.append('\n');
			return notes.toString();
		}

		/** A short reason to count and the whole story. */
		private String[] why(Outcome outcome, Outcome leader) {
			MergeFeatures features = outcome.features();
			MergeFeatures lead = leader.features();
			String truthCategory = truth(outcome.report(), "category");
			if (features.categoryCode() != null && !features.categoryCode().equals(truthCategory)) {
				return new String[] { "misclassified",
						"classified " + features.categoryCode() + ", truly " + truthCategory };
			}
			if (outcome.decision() instanceof MergeDecision.NotMergeable notMergeable) {
				return new String[] { (features.point() == null) ? "report unlocated" : "report sent to triage",
						"not mergeable: " + notMergeable.reason() };
			}
			if (lead.point() == null || lead.categoryCode() == null) {
				return new String[] { "incident's largest case unlocated or in triage",
						"the incident's largest case is a report that could not be merged" };
			}
			OpenCase leaderCase = this.masters.get(leader.caseId());
			MergeFeatures master = (leaderCase != null) ? leaderCase.features() : lead;
			boolean reportFirst = features.at().isBefore(master.at());
			MergeFeatures later = reportFirst ? master : features;
			MergeFeatures earlier = reportFirst ? features : master;
			MergeDecider.Assessment assessment = this.decider.assess(later,
					new MergeCandidate(new OpenCase(leader.caseId(), new CaseNumber("QH20260701-000000"), earlier),
							later.point().distanceMeters(earlier.point())));
			if (assessment.mergeable()) {
				return new String[] { "joined another case first", "mergeable with the incident's master, but "
						+ outcome.decision().getClass().getSimpleName() + " of another case first" };
			}
			return new String[] { "rule " + assessment.brokenRule(), assessment.rejection() };
		}

		private static String id(Outcome outcome) {
			return outcome.report().get("id").asText() + "/" + incident(outcome.report());
		}

		private static String describe(Outcome outcome) {
			MergeFeatures f = outcome.features();
			JsonNode report = outcome.report();
			String words = words(report)
					+ (report.hasNonNull("address") ? " [address " + report.get("address").asText() + "]" : "");
			return String.format(Locale.ROOT, "%s %-7s %s cat %s (true %s) door %s '%s' %s", id(outcome),
					outcome.channel(), report.get("received_at").asText().substring(5, 16), f.categoryCode(),
					truth(report, "category"), f.doorPlate(), f.problemText(), words);
		}

	}

	record Outcome(JsonNode report, IntakeWork work, MergeFeatures features, MergeDecision decision, UUID caseId) {

		String channel() {
			return this.report.get("channel").asText();
		}

	}

	static Path configDir() {
		String configDir = System.getProperty("gateway.config-dir");
		return (configDir != null && !configDir.isBlank()) ? Path.of(configDir) : Path.of("..", "config");
	}

	private static Taxonomy taxonomy(Path file) throws IOException {
		List<Category> categories = new ArrayList<>();
		for (JsonNode node : JSON.readTree(Files.readAllBytes(file))) {
			List<String> keywords = new ArrayList<>();
			node.path("keywords").forEach((keyword) -> keywords.add(keyword.asText()));
			categories.add(new Category(node.get("code").asText(), node.get("name").asText(), node.get("kind").asText(),
					GridLevel.fromCode(node.get("level").asText()), keywords));
		}
		return new Taxonomy(categories);
	}

	private static List<JsonNode> reports() throws IOException {
		List<JsonNode> reports = new ArrayList<>();
		try (InputStream in = MergeQualityTest.class.getResourceAsStream("/city-dev/reports.jsonl")) {
			if (in == null) {
				throw new IllegalStateException("city-dev/reports.jsonl is not on the test class path");
			}
			BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
			for (String line = reader.readLine(); line != null; line = reader.readLine()) {
				if (!line.isBlank()) {
					reports.add(JSON.readTree(line));
				}
			}
		}
		reports.sort(Comparator.comparing((JsonNode r) -> OffsetDateTime.parse(r.get("received_at").asText()))
			.thenComparing((JsonNode r) -> r.get("id").asText()));
		return reports;
	}

}
