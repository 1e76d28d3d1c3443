package org.gridintake.gateway.replay;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.gridintake.routes.dedup.PairwiseScore;

/**
 * The results JSONL and the printed figures of a replay: counts, throughput,
 * acknowledgement latency per channel and, when the input carries {@code truth}, how well
 * the gateway located, categorised and merged the reports.
 */
final class ReplaySummary {

	static final List<String> CHANNELS = List.of("sms", "hotline", "portal", "field");

	private ReplaySummary() {
	}

	/**
	 * One line per report, in input order:
	 * {@code {"id","case","grid","category","located"}}.
	 */
	static void writeResults(Path file, List<ReportOutcome> outcomes, ObjectMapper json) throws IOException {
		Path parent = file.toAbsolutePath().getParent();
		if (parent != null) {
			Files.createDirectories(parent);
		}
		try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
			for (ReportOutcome outcome : outcomes) {
				ObjectNode line = json.createObjectNode();
				line.put("id", outcome.report().id());
				line.put("case", outcome.resultCase());
				line.put("grid", outcome.grid());
				line.put("category", outcome.category());
				line.put("located", outcome.located());
				writer.write(json.writeValueAsString(line));
				writer.write('\n');
			}
		}
	}

	static String figures(List<ReportOutcome> outcomes, Duration sending, String target, Pacing pacing,
			int concurrency) {
		StringBuilder text = new StringBuilder();
		long acknowledged = outcomes.stream().filter((o) -> o.ack().acknowledged()).count();
		double seconds = Math.max(sending.toNanos(), 1) / 1e9;
		text.append(String.format(Locale.ROOT, "%nReplay against %s, pace %s%s%n", target, pacing.describe(),
				pacing.fast() ? ", concurrency " + concurrency : ""));
		text.append(String.format(Locale.ROOT,
				"Reports sent %d, acknowledged %d, failed %d in %.1f s: %.1f reports/s acknowledged%n", outcomes.size(),
				acknowledged, outcomes.size() - acknowledged, seconds, acknowledged / seconds));
		text.append(String.format(Locale.ROOT,
				"Acknowledgement latency per channel (ms; SMS: deliver_sm to "
						+ "deliver_sm_resp)%n%-9s %7s %7s %8s %8s %8s %8s%n",
				"channel", "sent", "acked", "p50", "p95", "p99", "max"));
		for (String channel : channels(outcomes)) {
			List<ReportOutcome> of = outcomes.stream().filter((o) -> o.channel().equals(channel)).toList();
			long[] latencies = of.stream()
				.filter((o) -> o.ack().acknowledged())
				.mapToLong((o) -> o.ack().latencyNanos())
				.sorted()
				.toArray();
			text.append(String.format(Locale.ROOT, "%-9s %7d %7d %8.1f %8.1f %8.1f %8.1f%n", channel, of.size(),
					latencies.length, millis(percentile(latencies, 0.50)), millis(percentile(latencies, 0.95)),
					millis(percentile(latencies, 0.99)), millis(percentile(latencies, 1.0))));
		}
		List<ReportOutcome> failed = outcomes.stream().filter((o) -> !o.ack().acknowledged()).toList();
		if (!failed.isEmpty()) {
			text.append("Failed (first 20):\n");
			failed.stream()
				.limit(20)
				.forEach((o) -> text.append("  ")
					.append(o.report().id())
					.append(' ')
					.append(o.channel())
					.append(": ")
					.append(o.ack().failure())
					.append('\n'));
		}
		long filed = outcomes.stream().filter((o) -> o.ack().acknowledged() && o.ownCase() == null).count();
		if (filed > 0) {
			text.append(filed).append(" acknowledged report(s) whose case could not be found\n");
		}
		if (outcomes.stream().anyMatch((o) -> o.report().hasTruth())) {
			text.append(quality(outcomes.stream().filter((o) -> o.report().hasTruth()).toList()));
		}
		return text.toString();
	}

	/**
	 * Geolocation against {@code truth.grid} (the whole pipeline) and
	 * {@code truth.reference_grid} (the locator, where the report names a place);
	 * category accuracy with uncategorised counted wrong; pairwise deduplication, where a
	 * report with no case is a case of its own.
	 */
	static String quality(List<ReportOutcome> outcomes) {
		StringBuilder text = new StringBuilder();
		text.append(String.format(Locale.ROOT,
				"%nGeolocation and category (of each report's own case; unlocated and uncategorised count wrong)%n"
						+ "%-9s %7s %8s %9s %9s %10s %9s %9s%n",
				"channel", "reports", "located", "grid.acc", "ref.n", "ref.acc", "category", "cat.acc"));
		List<String> rows = new ArrayList<>(channels(outcomes));
		rows.add("all");
		for (String channel : rows) {
			List<ReportOutcome> of = outcomes.stream()
				.filter((o) -> channel.equals("all") || o.channel().equals(channel))
				.toList();
			long located = of.stream().filter(ReportOutcome::located).count();
			long rightGrid = of.stream()
				.filter((o) -> o.grid() != null && o.grid().equals(o.report().truth("grid")))
				.count();
			List<ReportOutcome> referenced = of.stream()
				.filter((o) -> o.report().truth("reference_grid") != null)
				.toList();
			long rightReference = referenced.stream()
				.filter((o) -> Objects.equals(o.grid(), o.report().truth("reference_grid")))
				.count();
			long categorised = of.stream().filter((o) -> o.category() != null).count();
			long rightCategory = of.stream()
				.filter((o) -> o.category() != null && o.category().equals(o.report().truth("category")))
				.count();
			text.append(String.format(Locale.ROOT, "%-9s %7d %8d %9.3f %9d %10.3f %9d %9.3f%n", channel, of.size(),
					located, share(rightGrid, of.size()), referenced.size(), share(rightReference, referenced.size()),
					categorised, share(rightCategory, of.size())));
		}
		text.append(String.format(Locale.ROOT,
				"%nDeduplication, pairwise (pairs: truly-same pairs involving a report of the channel; merged: pairs "
						+ "put in one case; right: both)%n%-9s %7s %7s %7s %9s %8s %8s%n",
				"channel", "pairs", "merged", "right", "precision", "recall", "F1"));
		for (String channel : rows) {
			Predicate<ReportOutcome> involving = (o) -> channel.equals("all") || o.channel().equals(channel);
			PairwiseScore score = score(outcomes, involving);
			text.append(String.format(Locale.ROOT, "%-9s %7d %7d %7d %9.3f %8.3f %8.3f%n", channel, score.truePairs(),
					score.mergedPairs(), score.rightPairs(), score.precision(), score.recall(), score.f1()));
		}
		return text.toString();
	}

	static PairwiseScore score(List<ReportOutcome> outcomes, Predicate<ReportOutcome> involving) {
		// a report without a case merged with nothing: its own id stands for its case
		return PairwiseScore.of(outcomes, (o) -> o.report().truth("incident"),
				(o) -> (o.resultCase() != null) ? o.resultCase() : "unfiled:" + o.report().id(), involving);
	}

	/** Nearest rank; 0 for no values. */
	static long percentile(long[] sorted, double share) {
		if (sorted.length == 0) {
			return 0;
		}
		int rank = (int) Math.ceil(share * sorted.length);
		return sorted[Math.min(sorted.length, Math.max(rank, 1)) - 1];
	}

	private static List<String> channels(List<ReportOutcome> outcomes) {
		return CHANNELS.stream().filter((c) -> outcomes.stream().anyMatch((o) -> o.channel().equals(c))).toList();
	}

	private static double share(long part, long whole) {
		return (whole == 0) ? 0 : (double) part / whole;
	}

	private static double millis(long nanos) {
		return nanos / 1e6;
	}

}
