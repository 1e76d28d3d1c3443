package org.gridintake.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Reads a JSONL file, such as the replay's results, one JSON object a line. */
public final class JsonLines {

	private static final ObjectMapper JSON = new ObjectMapper();

	private JsonLines() {
	}

	/** Every non-blank line of {@code file}, parsed. */
	public static List<JsonNode> read(Path file) throws IOException {
		return Files.readAllLines(file, StandardCharsets.UTF_8)
			.stream()
			.filter((line) -> !line.isBlank())
			.map((line) -> {
				try {
					return JSON.readTree(line);
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			})
			.toList();
	}

}
