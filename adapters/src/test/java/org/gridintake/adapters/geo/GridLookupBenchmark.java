package org.gridintake.adapters.geo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.gridintake.routes.geo.GeoPoint;
import org.gridintake.routes.geo.GridLocator;
import org.gridintake.routes.geo.PlaceGeocoder;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Throughput on one thread with the sample registry and gazetteer: point-to-grid lookups
 * and free-text geocodes per second. A measurement, not a test: it asserts nothing about
 * speed, and it is skipped unless {@code -Dbenchmark=true}, so the normal build stays
 * quick.
 */
@Tag("benchmark")
class GridLookupBenchmark {

	private static final Duration WARM_UP = new Duration(3_000);

	private static final Duration MEASURE = new Duration(5_000);

	@Test
	void lookupsAndGeocodesPerSecond() throws IOException {
		Assumptions.assumeTrue(Boolean.getBoolean("benchmark"),
				"a benchmark; run it with -Dbenchmark=true -Dtest=GridLookupBenchmark");
		Path config = GridTestRegistries.sampleRegistry().getParent();
		GridLocator locator = GridAdapters.gridLocator(config.resolve("grids.geojson"));
		PlaceGeocoder geocoder = GazetteerAdapters.placeGeocoder(config.resolve("places.geojson"),
				config.resolve("grids.geojson"));

		// Points spread uniformly over the district's box, so roughly what share land in
		// a grid reflects the district's shape, as map picks near its border would.
		GeoPoint[] points = new GeoPoint[1 << 16];
		SplittableRandom random = new SplittableRandom(42);
		for (int i = 0; i < points.length; i++) {
			points[i] = new GeoPoint(116.372 + random.nextDouble() * 0.066, 39.890 + random.nextDouble() * 0.047);
		}
		List<String> texts = texts();

		double lookups = measure("point-to-grid lookups",
				(i) -> locator.locate(points[i & (points.length - 1)]).isPresent());
		double geocodes = measure("free-text geocodes",
				(i) -> geocoder.geocode(texts.get(i % texts.size())).isPresent());
		int located = 0;
		for (GeoPoint point : points) {
			located += locator.locate(point).isPresent() ? 1 : 0;
		}
		System.out.printf(Locale.ROOT,
				"GridLookupBenchmark: %,.0f lookups/s (%.0f%% of the random points inside a grid), "
						+ "%,.0f geocodes/s over %d SMS and hotline texts, one thread, Java %s, %d cores%n",
				lookups, 100.0 * located / points.length, geocodes, texts.size(), Runtime.version(),
				Runtime.getRuntime().availableProcessors());
	}

	private static double measure(String what, Operation operation) {
		run(operation, WARM_UP);
		double perSecond = run(operation, MEASURE);
		System.out.printf(Locale.ROOT, "  %s: %,.0f per second%n", what, perSecond);
		return perSecond;
	}

	private static double run(Operation operation, Duration duration) {
		long start = System.nanoTime();
		long end = start + duration.millis() * 1_000_000L;
		long count = 0;
		long found = 0;
		long now;
		do {
			// Checking the clock every 1,024 operations keeps its cost out of the figure.
			for (int i = 0; i < 1024; i++) {
				found += operation.apply((int) (count++)) ? 1 : 0;
			}
			now = System.nanoTime();
		}
		while (now < end);
		// Using every result keeps the JIT from discarding the work it measures.
		if (found < 0) {
			throw new IllegalStateException();
		}
		return count / ((now - start) / 1e9);
	}

	private static List<String> texts() throws IOException {
		ObjectMapper json = new ObjectMapper();
		List<String> texts = new ArrayList<>();
		try (InputStream in = GridLookupBenchmark.class.getResourceAsStream("/city-dev/reports.jsonl")) {
			BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
			for (String line = reader.readLine(); line != null; line = reader.readLine()) {
				if (line.isBlank()) {
					continue;
				}
				JsonNode report = json.readTree(line);
				String channel = report.get("channel").asText();
				if (channel.equals("sms") || channel.equals("hotline")) {
					// Hotline reports carry the address and the summary separately.
					for (String field : List.of("text", "address", "summary")) {
						if (report.hasNonNull(field)) {
							texts.add(report.get(field).asText());
						}
					}
				}
			}
		}
		return texts;
	}

	@FunctionalInterface
	private interface Operation {

		boolean apply(int i);

	}

	private record Duration(long millis) {
	}

}
