package org.gridintake.gateway.replay;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.gridintake.routes.dedup.PairwiseScore;

import static org.assertj.core.api.Assertions.assertThat;

class ReplaySummaryTest {

	private static final ObjectMapper JSON = new ObjectMapper();

	@TempDir
	Path work;

	@Test
	void resultsHaveOneLinePerReportNamingTheMastersCaseForADuplicate() throws Exception {
		List<ReportOutcome> outcomes = List.of(
				filed(report("D1", "sms", "I1", "110199002001043", "1106"), "QH20260701-000001", null,
						"110199002001043", "1106"),
				filed(report("D2", "portal", "I1", "110199002001043", "1106"), "QH20260701-000002", "QH20260701-000001",
						"110199002001044", "1106"),
				ReportOutcome.unfiled(report("D3", "field", "I2", "110199007003002", "1103"),
						Acknowledgement.failed("rejected", 1_000_000)));
		Path file = this.work.resolve("out/results.jsonl");

		ReplaySummary.writeResults(file, outcomes, JSON);

		assertThat(Files.readAllLines(file, StandardCharsets.UTF_8)).containsExactly(
				"{\"id\":\"D1\",\"case\":\"QH20260701-000001\",\"grid\":\"110199002001043\",\"category\":\"1106\",\"located\":true}",
				"{\"id\":\"D2\",\"case\":\"QH20260701-000001\",\"grid\":\"110199002001044\",\"category\":\"1106\",\"located\":true}",
				"{\"id\":\"D3\",\"case\":null,\"grid\":null,\"category\":null,\"located\":false}");
	}

	@Test
	void dedupIsScoredPairwiseAndAnUnfiledReportIsACaseOfItsOwn() {
		// incident I1: three reports, two merged; I2: two reports, neither filed; I3
		// wrongly merged into I1's case
		List<ReportOutcome> outcomes = List.of(filed(report("A", "sms", "I1", "g", "c"), "N1", null, "g", "c"),
				filed(report("B", "portal", "I1", "g", "c"), "N2", "N1", "g", "c"),
				filed(report("C", "hotline", "I1", "g", "c"), "N3", null, "g", "c"),
				ReportOutcome.unfiled(report("D", "sms", "I2", "g", "c"), Acknowledgement.failed("x", 0)),
				ReportOutcome.unfiled(report("E", "sms", "I2", "g", "c"), Acknowledgement.failed("x", 0)),
				filed(report("F", "field", "I3", "g", "c"), "N4", "N1", "g", "c"));

		PairwiseScore all = ReplaySummary.score(outcomes, (o) -> true);
		// true pairs: AB AC BC (I1), DE (I2); merged: AB AF BF; right: AB
		assertThat(all).isEqualTo(new PairwiseScore(4, 3, 1));
		assertThat(all.precision()).isEqualTo(1.0 / 3);
		assertThat(all.recall()).isEqualTo(0.25);
		PairwiseScore field = ReplaySummary.score(outcomes, (o) -> o.channel().equals("field"));
		assertThat(field).isEqualTo(new PairwiseScore(0, 2, 0));
		assertThat(field.recall()).as("no true pair involves the field report").isEqualTo(1.0);
	}

	@Test
	void latencyPercentilesAreNearestRank() {
		long[] sorted = new long[100];
		for (int i = 0; i < sorted.length; i++) {
			sorted[i] = i + 1;
		}
		assertThat(ReplaySummary.percentile(sorted, 0.50)).isEqualTo(50);
		assertThat(ReplaySummary.percentile(sorted, 0.95)).isEqualTo(95);
		assertThat(ReplaySummary.percentile(sorted, 0.99)).isEqualTo(99);
		assertThat(ReplaySummary.percentile(new long[] { 7 }, 0.99)).isEqualTo(7);
		assertThat(ReplaySummary.percentile(new long[0], 0.5)).isZero();
	}

	@Test
	void theFiguresCountAndTimeEachChannelAndScoreAgainstTheTruth() {
		List<ReportOutcome> outcomes = List.of(
				new ReportOutcome(report("A", "sms", "I1", "110199002001043", "1106"),
						Acknowledgement.ok(null, 2_000_000), "N1", null, "110199002001043", "1106", true),
				new ReportOutcome(report("B", "sms", "I1", "110199002001043", "1106"),
						Acknowledgement.ok(null, 4_000_000), "N2", "N1", "110199002001044", null, true),
				ReportOutcome.unfiled(report("C", "hotline", "I2", "110199002001045", "0101"),
						Acknowledgement.failed("HTTP 400 {\"errors\":[{\"field\":\"caller\"}]}", 3_000_000)));

		String figures = ReplaySummary.figures(outcomes, Duration.ofSeconds(2), "http://gw", Pacing.FAST, 4);

		assertThat(figures).contains("Reports sent 3, acknowledged 2, failed 1 in 2.0 s: 1.0 reports/s")
			.containsPattern("(?m)^sms\\s+2\\s+2\\s+2\\.0\\s+4\\.0\\s+4\\.0\\s+4\\.0$")
			.containsPattern("(?m)^hotline\\s+1\\s+0\\s")
			.contains("C hotline: HTTP 400")
			// sms: one of two in the true grid, one categorised and right
			.containsPattern("(?m)^sms\\s+2\\s+2\\s+0\\.500\\s+2\\s+0\\.500\\s+1\\s+0\\.500$")
			.containsPattern("(?m)^sms\\s+1\\s+1\\s+1\\s+1\\.000\\s+1\\.000\\s+1\\.000$");
	}

	private static ReportOutcome filed(InputReport report, String own, String mergedInto, String grid,
			String category) {
		return new ReportOutcome(report, Acknowledgement.ok(own, 1_000_000), own, mergedInto, grid, category, true);
	}

	private static InputReport report(String id, String channel, String incident, String grid, String category) {
		var json = JSON.createObjectNode();
		json.put("id", id).put("channel", channel).put("received_at", "2026-07-01T08:00:00+08:00");
		json.putObject("truth")
			.put("incident", incident)
			.put("grid", grid)
			.put("reference_grid", grid)
			.put("category", category);
		return new InputReport(id, channel, OffsetDateTime.parse("2026-07-01T08:00:00+08:00"), json);
	}

}
