package org.gridintake.routes.dedup;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.gridintake.routes.geo.GridLevel;
import org.gridintake.routes.routing.Category;
import org.gridintake.routes.routing.Taxonomy;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scores the classifier and the similarity veto on the sample district's labelled
 * reports, and prints the tables.
 *
 * <p>
 * The classifier learns from the first 60% of reports by {@code received_at} and is
 * scored on the rest: a gateway only ever has the past to learn from, and a split by time
 * keeps most reports of one incident on one side, so near-copies of a test text are
 * rarely in training. SMS accuracy counts a report sent to triage as wrong (correct / all
 * SMS scored), the stricter of the two readings, and must reach 0.85.
 */
class CategoryClassifierQualityTest {

	private static final double SMS_ACCURACY_FLOOR = 0.85;

	private static final double TRAINING_SHARE = 0.6;

	private static final ObjectMapper JSON = new ObjectMapper();

	private static Taxonomy taxonomy;

	private static List<JsonNode> reports;

	@BeforeAll
	static void load() throws IOException {
		taxonomy = taxonomy(configDir().resolve("categories.json"));
		reports = new ArrayList<>();
		try (InputStream in = CategoryClassifierQualityTest.class.getResourceAsStream("/city-dev/reports.jsonl");
				BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
			for (String line = reader.readLine(); line != null; line = reader.readLine()) {
				if (!line.isBlank()) {
					reports.add(JSON.readTree(line));
				}
			}
		}
		reports.sort(Comparator.comparing((JsonNode r) -> OffsetDateTime.parse(r.get("received_at").asText()))
			.thenComparing((JsonNode r) -> r.get("id").asText()));
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

	/** The words a gateway gets: the hotline operator's summary, everyone else's text. */
	private static String words(JsonNode report) {
		return report.path("channel").asText().equals("hotline") ? report.path("summary").asText()
				: report.path("text").asText();
	}

	private static String truthCategory(JsonNode report) {
		return report.path("truth").path("category").asText();
	}

	@Test
	void smsCategoryAccuracyReachesTheFloor() {
		int cut = (int) (reports.size() * TRAINING_SHARE);
		List<LabelledText> history = reports.subList(0, cut)
			.stream()
			.map((r) -> new LabelledText(words(r), truthCategory(r)))
			.toList();
		CategoryClassifier classifier = new CategoryClassifier(taxonomy, history);
		double threshold = CategoryClassifier.Settings.DEFAULTS.threshold();

		Map<String, int[]> byChannel = new TreeMap<>();
		int[] all = new int[3];
		int[][] calibration = new int[10][2];
		for (JsonNode report : reports.subList(cut, reports.size())) {
			Optional<Classification> guess = classifier.bestGuess(words(report));
			boolean answered = guess.isPresent() && guess.get().confidence() >= threshold;
			boolean right = guess.isPresent() && guess.get().categoryCode().equals(truthCategory(report));
			for (int[] tally : List.of(byChannel.computeIfAbsent(report.path("channel").asText(), (c) -> new int[3]),
					all)) {
				tally[0]++;
				tally[1] += answered ? 1 : 0;
				tally[2] += (answered && right) ? 1 : 0;
			}
			if (guess.isPresent()) {
				int bin = Math.min(9, (int) (guess.get().confidence() * 10));
				calibration[bin][0]++;
				calibration[bin][1] += right ? 1 : 0;
			}
		}

		StringBuilder table = new StringBuilder();
		table.append(String.format(
				"%nCategory classifier: trained on %d reports (first %.0f%% by received_at), "
						+ "scored on %d; threshold %.2f%n",
				cut, TRAINING_SHARE * 100, reports.size() - cut, threshold));
		table.append(String.format("%-8s %6s %9s %9s %16s %18s%n", "channel", "scored", "answered", "triage",
				"correct/all", "correct/answered"));
		byChannel.forEach((channel, tally) -> table.append(row(channel, tally)));
		table.append(row("all", all));
		table.append("Confidence calibration (best guess, all channels): bin  reports  correct%n".formatted());
		for (int bin = 0; bin < 10; bin++) {
			if (calibration[bin][0] > 0) {
				table.append(String.format("  %.1f-%.1f  %4d  %5.1f%%%n", bin / 10.0, (bin + 1) / 10.0,
						calibration[bin][0], 100.0 * calibration[bin][1] / calibration[bin][0]));
			}
		}
		System.out.print(table);

		int[] sms = byChannel.get("sms");
		assertThat(sms).as("the evaluation set holds SMS reports").isNotNull();
		assertThat((double) sms[2] / sms[0]).as("SMS category accuracy, triage counted wrong")
			.isGreaterThanOrEqualTo(SMS_ACCURACY_FLOOR);
	}

	private static String row(String channel, int[] tally) {
		return String.format("%-8s %6d %8.1f%% %8.1f%% %16.3f %18.3f%n", channel, tally[0], 100.0 * tally[1] / tally[0],
				100.0 * (tally[0] - tally[1]) / tally[0], (double) tally[2] / tally[0],
				(tally[1] > 0) ? (double) tally[2] / tally[1] : 0.0);
	}

	/**
	 * Pairs of reports naming the same place: the veto must keep nearly every pair of one
	 * incident (a veto that splits one incident costs recall no later step recovers), and
	 * should stop a good share of pairs of different problems.
	 */
	@Test
	void similarityVetoKeepsOneIncidentTogether() {
		Map<String, List<JsonNode>> byPlace = new TreeMap<>();
		for (JsonNode report : reports) {
			String place = report.path("truth").path("place").asText("");
			if (!place.isBlank()) {
				byPlace.computeIfAbsent(place, (p) -> new ArrayList<>()).add(report);
			}
		}
		TextSimilarity similarity = new TextSimilarity();
		double[] thresholds = { 0.02, TextSimilarity.DEFAULT_VETO_BELOW, 0.10, 0.15, 0.20 };
		int[] keptSame = new int[thresholds.length];
		int[] vetoedOther = new int[thresholds.length];
		List<Integer> sameHamming = new ArrayList<>();
		List<Integer> otherHamming = new ArrayList<>();
		int same = 0;
		int other = 0;
		int defaultKept = 0;
		int defaultVetoed = 0;
		for (List<JsonNode> atPlace : byPlace.values()) {
			for (int i = 0; i < atPlace.size(); i++) {
				for (int j = i + 1; j < atPlace.size(); j++) {
					JsonNode a = atPlace.get(i);
					JsonNode b = atPlace.get(j);
					boolean oneIncident = a.path("truth").path("incident").equals(b.path("truth").path("incident"));
					if (!oneIncident && truthCategory(a).equals(truthCategory(b))) {
						// Same problem, same place, weeks apart: time tells these apart,
						// not text.
						continue;
					}
					String problemA = problem(a);
					String problemB = problem(b);
					double cosine = TextSimilarity.cosine(problemA, problemB);
					boolean vetoed = similarity.vetoes(problemA, problemB);
					int hamming = TextSimilarity.hammingDistance(TextSimilarity.simhash(problemA),
							TextSimilarity.simhash(problemB));
					if (oneIncident) {
						same++;
						defaultKept += vetoed ? 0 : 1;
						sameHamming.add(hamming);
					}
					else {
						other++;
						defaultVetoed += vetoed ? 1 : 0;
						otherHamming.add(hamming);
					}
					for (int t = 0; t < thresholds.length; t++) {
						boolean vetoAt = new TextSimilarity(thresholds[t]).vetoes(problemA, problemB);
						if (oneIncident) {
							keptSame[t] += vetoAt ? 0 : 1;
						}
						else {
							vetoedOther[t] += vetoAt ? 1 : 0;
						}
					}
				}
			}
		}
		StringBuilder table = new StringBuilder();
		table.append(String.format(
				"%nSimilarity veto on problem texts, pairs naming one place: %d of one incident, %d of different categories%n",
				same, other));
		table.append(String.format("%-22s %14s %20s%n", "veto when cosine <", "one incident kept", "different vetoed"));
		for (int t = 0; t < thresholds.length; t++) {
			table.append(String.format("%-22.2f %13.1f%% %19.1f%%%s%n", thresholds[t], 100.0 * keptSame[t] / same,
					100.0 * vetoedOther[t] / other,
					(thresholds[t] == TextSimilarity.DEFAULT_VETO_BELOW) ? "  <- default" : ""));
		}
		table.append(String.format("SimHash Hamming distance, median: one incident %d, different categories %d%n",
				median(sameHamming), median(otherHamming)));
		System.out.print(table);

		assertThat((double) defaultKept / same).as("one-incident pairs the default veto keeps")
			.isGreaterThanOrEqualTo(0.98);
		assertThat((double) defaultVetoed / other).as("different-problem pairs the default veto stops")
			.isGreaterThanOrEqualTo(0.6);
	}

	/**
	 * What the merge step will have: the place the locator matched and a hotline's
	 * address.
	 */
	private static String problem(JsonNode report) {
		List<String> places = new ArrayList<>();
		places.add(report.path("truth").path("place").asText(""));
		places.add(report.path("address").asText(""));
		return TextSimilarity.problemText(words(report), places);
	}

	private static int median(List<Integer> values) {
		List<Integer> sorted = values.stream().sorted().toList();
		return sorted.isEmpty() ? 0 : sorted.get(sorted.size() / 2);
	}

}
