package org.gridintake.adapters.geo;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.gridintake.routes.casedraft.Channel;
import org.gridintake.routes.casedraft.ChannelRef;
import org.gridintake.routes.casedraft.RawMessage;
import org.gridintake.routes.casedraft.Reporter;
import org.gridintake.routes.geo.LocateStep;
import org.gridintake.routes.intake.InboundReport;
import org.gridintake.routes.intake.IntakeWork;
import org.gridintake.routes.geo.GridChain;
import org.gridintake.routes.geo.GridLocation;
import org.gridintake.routes.geo.GridLocator;
import org.gridintake.routes.geo.PlaceGeocoder;
import org.gridintake.routes.geo.PlaceMatch;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scores the place geocoder on the labelled SMS and hotline reports of the sample
 * district: how many reports that name a place are located, how often the located grid,
 * community and street are those of the named place (the reference grid), that texts
 * naming no place are never located, and how often the street is wrong against the real
 * incident. Fails below the project's quality bar.
 */
class GeocodingQualityTest {

	/** Matches below this count as not located; the pipeline uses the same bar. */
	static final double THRESHOLD = PlaceMatch.LOCATING_CONFIDENCE;

	private static final ObjectMapper JSON = new ObjectMapper();

	private static PlaceGeocoder geocoder;

	private static GridLocator locator;

	private static LocateStep locateStep;

	@BeforeAll
	static void load() {
		Path config = configDir();
		geocoder = GazetteerAdapters.placeGeocoder(config.resolve("places.geojson"), config.resolve("grids.geojson"));
		locator = GridAdapters.gridLocator(config.resolve("grids.geojson"));
		locateStep = new LocateStep(locator, geocoder, THRESHOLD, 300);
	}

	static Path configDir() {
		String configDir = System.getProperty("gateway.config-dir");
		return (configDir != null && !configDir.isBlank()) ? Path.of(configDir) : Path.of("..", "config");
	}

	@Test
	void smsAndHotlineReportsAreLocatedByTheirWords() throws IOException {
		Map<String, Tally> tallies = new LinkedHashMap<>();
		tallies.put("sms", new Tally());
		tallies.put("hotline", new Tally());
		Tally all = new Tally();
		List<String> notes = new ArrayList<>();
		for (JsonNode report : reports()) {
			String channel = report.get("channel").asText();
			Outcome outcome = locate(report);
			JsonNode truth = report.get("truth");
			tallies.get(channel).add(report, outcome);
			all.add(report, outcome);
			note(report, outcome, truth, notes);
		}
		tallies.put("sms+hotline", all);
		print(tallies, notes);

		assertThat(all.reports).as("labelled SMS and hotline reports").isGreaterThan(500);
		assertThat(all.share(all.located, all.withPlace)).as("located, of reports that name a place")
			.isGreaterThanOrEqualTo(90.0);
		assertThat(all.share(all.sameGrid, all.located)).as("grid = reference grid, of located")
			.isGreaterThanOrEqualTo(85.0);
		assertThat(all.share(all.sameCommunity, all.located)).as("same community as reference, of located")
			.isGreaterThanOrEqualTo(97.0);
		assertThat(all.share(all.sameStreet, all.located)).as("same street as reference, of located")
			.isGreaterThanOrEqualTo(99.0);
		assertThat(all.noPlaceLocated).as("SMS naming no place that were located").isZero();
		assertThat(all.share(all.wrongStreet, all.locatedAny)).as("wrong street against the real incident")
			.isLessThan(3.0);
	}

	/**
	 * Through the pipeline's own locate step: for SMS the text, for the hotline the
	 * address as typed and then the operator's summary.
	 */
	private static Outcome locate(JsonNode report) {
		boolean sms = report.get("channel").asText().equals("sms");
		String text = sms ? field(report, "text") : field(report, "summary");
		String address = sms ? null : field(report, "address");
		IntakeWork located = locateStep.locate(IntakeWork.of(new InboundReport(sms ? Channel.SMS : Channel.HOTLINE,
				new ChannelRef(report.get("id").asText(), ChannelRef.Kind.CHANNEL), Instant.now(), Reporter.anonymous(),
				text, null, address, null, RawMessage.utf8("text/plain", text),
				org.gridintake.routes.casedraft.ReportOrigin.RESIDENT)));
		return new Outcome(located.evidence().match(),
				(located.location() != null) ? located.location().chain() : null);
	}

	private static String field(JsonNode report, String name) {
		return report.hasNonNull(name) ? report.get(name).asText() : "";
	}

	private static void note(JsonNode report, Outcome outcome, JsonNode truth, List<String> notes) {
		String reference = text(truth, "reference_grid");
		String words = report.get("channel").asText().equals("sms") ? field(report, "text")
				: field(report, "address") + " / " + field(report, "summary");
		String found = (outcome.match() == null) ? "no match"
				: String.format(Locale.ROOT, "%s %s '%s' %.2f", outcome.match().kind(), outcome.match().placeName(),
						outcome.match().matchedText(), outcome.match().confidence());
		String id = report.get("id").asText();
		if (reference == null) {
			if (outcome.chain() != null) {
				notes.add("FALSE  " + id + " names no place but located: " + words + " -> " + found);
			}
			return;
		}
		if (outcome.chain() == null) {
			notes.add("MISS   " + id + " " + text(truth, "place") + ": " + words + " -> " + found);
			return;
		}
		if (!outcome.chain().street().code().equals(text(truth, "street"))) {
			notes.add("STREET " + id + " incident in street " + text(truth, "street") + ", its words name "
					+ text(truth, "place") + " in " + outcome.chain().street().code() + ": " + words + " -> " + found);
		}
		if (!outcome.chain().grid().code().equals(reference)) {
			String level = outcome.chain().street().code().equals(reference.substring(0, 9))
					? (outcome.chain().community().code().equals(reference.substring(0, 12)) ? "grid" : "community")
					: "street";
			String incident = outcome.chain().community().code().equals(text(truth, "community"))
					? " [the real incident's community]" : "";
			notes.add("WRONG  " + id + " other " + level + " (" + outcome.chain().grid().code() + " for " + reference
					+ incident + ") " + text(truth, "place") + ": " + words + " -> " + found);
		}
	}

	private static void print(Map<String, Tally> tallies, List<String> notes) {
		System.out.printf(Locale.ROOT,
				"GeocodingQualityTest (confidence threshold %.2f; grid/community/street "
						+ "shares are of located reports that name a place, judged against reference_grid)%n",
				THRESHOLD);
		System.out.printf(Locale.ROOT, "%-12s %7s %7s %15s %15s %15s %15s %11s %18s%n", "channel", "reports", "place",
				"located", "grid=ref", "community=ref", "street=ref", "no-place", "wrong street/truth");
		tallies.forEach((channel, t) -> System.out.printf(Locale.ROOT, "%-12s %7d %7d %15s %15s %15s %15s %11s %18s%n",
				channel, t.reports, t.withPlace, t.cell(t.located, t.withPlace), t.cell(t.sameGrid, t.located),
				t.cell(t.sameCommunity, t.located), t.cell(t.sameStreet, t.located),
				t.noPlaceLocated + "/" + t.noPlace + " loc", t.cell(t.wrongStreet, t.locatedAny)));
		tallies.forEach((channel, t) -> System.out.printf(Locale.ROOT, "%-12s by kind: %s%n", channel, t.kinds));
		notes.forEach((line) -> System.out.println("  " + line));
	}

	private static String text(JsonNode node, String field) {
		return (node.hasNonNull(field)) ? node.get(field).asText() : null;
	}

	private static List<JsonNode> reports() throws IOException {
		return SampleReports.ofChannels("sms", "hotline");
	}

	/**
	 * @param match the best match, even one below the threshold; null when none
	 * @param chain where it was located; null when not located
	 */
	private record Outcome(PlaceMatch match, GridChain chain) {
	}

	private static final class Tally {

		int reports;

		int withPlace;

		int located;

		int sameGrid;

		int sameCommunity;

		int sameStreet;

		int noPlace;

		int noPlaceLocated;

		int locatedAny;

		int wrongStreet;

		final Map<String, Integer> kinds = new java.util.TreeMap<>();

		void add(JsonNode report, Outcome outcome) {
			if (outcome.match() != null) {
				String kind = outcome.match().kind() + ((outcome.chain() != null) ? "" : " (not located)");
				this.kinds.merge(kind, 1, Integer::sum);
			}
			JsonNode truth = report.get("truth");
			String reference = text(truth, "reference_grid");
			this.reports++;
			GridChain chain = outcome.chain();
			if (reference != null) {
				this.withPlace++;
				if (chain != null) {
					this.located++;
					this.sameGrid += chain.grid().code().equals(reference) ? 1 : 0;
					this.sameCommunity += chain.community().code().equals(reference.substring(0, 12)) ? 1 : 0;
					this.sameStreet += chain.street().code().equals(reference.substring(0, 9)) ? 1 : 0;
				}
			}
			if (truth.has("locatable") && !truth.get("locatable").asBoolean()) {
				this.noPlace++;
				this.noPlaceLocated += (chain != null) ? 1 : 0;
			}
			if (chain != null) {
				this.locatedAny++;
				this.wrongStreet += chain.street().code().equals(text(truth, "street")) ? 0 : 1;
			}
		}

		double share(int part, int whole) {
			return (whole == 0) ? 0.0 : 100.0 * part / whole;
		}

		String cell(int part, int whole) {
			return String.format(Locale.ROOT, "%d (%.1f%%)", part, share(part, whole));
		}

	}

}
