package org.gridintake.gateway.replay;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * One line of a replay input: a report as it reached its channel, and optionally what
 * truly happened ({@code truth}), which is only scored, never sent.
 *
 * @param id the input's id for the report
 * @param channel {@code sms}, {@code hotline}, {@code portal} or {@code field}
 * @param receivedAt when it originally arrived; only the gaps between these are used
 * @param json the whole line
 */
record InputReport(String id, String channel, OffsetDateTime receivedAt, JsonNode json) {

	static final Set<String> CHANNELS = Set.of("sms", "hotline", "portal", "field");

	/** A field of the line, null when absent or JSON null. */
	String text(String field) {
		JsonNode value = this.json.get(field);
		return (value == null || value.isNull()) ? null : value.asText();
	}

	/** A field of {@code truth}, null when there is no truth or no such field. */
	String truth(String field) {
		JsonNode value = this.json.path("truth").get(field);
		return (value == null || value.isNull()) ? null : value.asText();
	}

	boolean hasTruth() {
		return this.json.hasNonNull("truth");
	}

	/**
	 * Reads a JSONL file, in {@code received_at} order (ties by id), so that pacing can
	 * keep the original gaps.
	 * @throws IllegalArgumentException naming the line of the first unusable report
	 */
	static List<InputReport> read(Path file, ObjectMapper json) throws IOException {
		List<InputReport> reports = new ArrayList<>();
		Set<String> ids = new java.util.HashSet<>();
		try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
			int number = 0;
			for (String line = reader.readLine(); line != null; line = reader.readLine()) {
				number++;
				if (line.isBlank()) {
					continue;
				}
				reports.add(parse(file, number, line, json, ids));
			}
		}
		reports.sort(Comparator.comparing(InputReport::receivedAt).thenComparing(InputReport::id));
		return reports;
	}

	private static InputReport parse(Path file, int number, String line, ObjectMapper json, Set<String> ids) {
		String where = file + " line " + number + ": ";
		JsonNode node;
		try {
			node = json.readTree(line);
		}
		catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
			throw new IllegalArgumentException(where + "not JSON (" + ex.getOriginalMessage() + ")");
		}
		String id = node.path("id").asText(null);
		if (id == null || id.isBlank()) {
			throw new IllegalArgumentException(where + "id is required");
		}
		if (!ids.add(id)) {
			throw new IllegalArgumentException(where + "id " + id + " appears twice");
		}
		String channel = node.path("channel").asText(null);
		if (!CHANNELS.contains(channel)) {
			throw new IllegalArgumentException(where + "channel must be one of sms, hotline, portal, field");
		}
		OffsetDateTime receivedAt;
		try {
			receivedAt = OffsetDateTime.parse(node.path("received_at").asText(""));
		}
		catch (DateTimeParseException ex) {
			throw new IllegalArgumentException(where + "received_at must be ISO-8601 with offset");
		}
		return new InputReport(id, channel, receivedAt, node);
	}

}
