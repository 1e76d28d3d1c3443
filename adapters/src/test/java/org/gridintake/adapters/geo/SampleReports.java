package org.gridintake.adapters.geo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The sample district's labelled reports, copied into test resources from shared/. */
final class SampleReports {

	private static final ObjectMapper JSON = new ObjectMapper();

	private SampleReports() {
	}

	/** The reports of these channels (sms, hotline, portal, field), in file order. */
	static List<JsonNode> ofChannels(String... channels) {
		Set<String> wanted = Set.of(channels);
		List<JsonNode> reports = new ArrayList<>();
		try (InputStream in = SampleReports.class.getResourceAsStream("/city-dev/reports.jsonl")) {
			if (in == null) {
				throw new IllegalStateException("city-dev/reports.jsonl is not on the test class path");
			}
			BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
			for (String line = reader.readLine(); line != null; line = reader.readLine()) {
				if (!line.isBlank()) {
					JsonNode report = JSON.readTree(line);
					if (wanted.contains(report.get("channel").asText())) {
						reports.add(report);
					}
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return reports;
	}

}
