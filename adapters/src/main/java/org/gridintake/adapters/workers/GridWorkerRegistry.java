package org.gridintake.adapters.workers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import org.gridintake.routes.field.GridWorker;
import org.gridintake.routes.field.GridWorkers;
import org.gridintake.routes.geo.GridLevel;
import org.gridintake.routes.geo.GridLocator;
import org.gridintake.routes.geo.GridUnit;

/**
 * The registry of grid workers, read once at start-up and refused whole when any entry is
 * wrong: a worker silently missing would have every report of theirs refused, a worker
 * with a mistyped community would have every report held to the wrong area.
 */
final class GridWorkerRegistry implements GridWorkers {

	/**
	 * Worker ids go into channel references as {@code worker:client-id}, so they hold no
	 * colon (nor anything else an app would have trouble sending).
	 */
	private static final Pattern WORKER_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

	private static final Set<String> FIELDS = Set.of("id", "community", "name");

	private static final ObjectMapper JSON = JsonMapper.builder()
		.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
		.build();

	private final Map<String, GridWorker> byId;

	private GridWorkerRegistry(Map<String, GridWorker> byId) {
		this.byId = Map.copyOf(byId);
	}

	static GridWorkerRegistry read(Path file, GridLocator grids) {
		JsonNode root;
		try {
			root = JSON.readTree(Files.readAllBytes(file));
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot read the grid worker registry " + file + ": " + ex.getMessage(),
					ex);
		}
		if (root == null || !root.isArray()) {
			throw new IllegalStateException(file + ": expected a JSON list of grid workers");
		}
		Map<String, GridWorker> byId = new LinkedHashMap<>();
		for (int i = 0; i < root.size(); i++) {
			GridWorker worker = entry(file, i, root.get(i), grids);
			if (byId.putIfAbsent(worker.id(), worker) != null) {
				throw new IllegalStateException(file + ": entry #" + i + " lists worker " + worker.id() + " again");
			}
		}
		if (byId.isEmpty()) {
			throw new IllegalStateException(file + ": lists no grid worker");
		}
		return new GridWorkerRegistry(byId);
	}

	private static GridWorker entry(Path file, int index, JsonNode node, GridLocator grids) {
		String where = file + ": entry #" + index;
		if (!node.isObject()) {
			throw new IllegalStateException(where + " is not a JSON object: " + node);
		}
		for (Iterator<String> fields = node.fieldNames(); fields.hasNext();) {
			String field = fields.next();
			if (!FIELDS.contains(field)) {
				throw new IllegalStateException(where + " has an unknown field '" + field + "': " + node);
			}
		}
		String id = text(node, "id");
		if (id == null || !WORKER_ID.matcher(id).matches()) {
			throw new IllegalStateException(
					where + " needs an id of 1 to 64 letters, digits, '-' or '_': " + node.path("id"));
		}
		where = where + " (" + id + ")";
		String communityCode = text(node, "community");
		if (communityCode == null) {
			throw new IllegalStateException(where + " names no community");
		}
		Optional<GridUnit> community = grids.unit(communityCode);
		if (community.isEmpty()) {
			throw new IllegalStateException(
					where + ": community " + communityCode + " is not in the grid registry (grids.geojson)");
		}
		if (community.get().level() != GridLevel.COMMUNITY) {
			throw new IllegalStateException(where + ": " + communityCode + " is a " + community.get().level().code()
					+ " (" + community.get().name() + "), not a community");
		}
		JsonNode name = node.get("name");
		if (name != null && !name.isNull() && !name.isTextual()) {
			throw new IllegalStateException(where + ": name must be text");
		}
		return new GridWorker(id, text(node, "name"), community.get());
	}

	private static String text(JsonNode node, String field) {
		JsonNode value = node.get(field);
		return (value != null && value.isTextual() && !value.asText().isBlank()) ? value.asText().strip() : null;
	}

	@Override
	public Optional<GridWorker> find(String workerId) {
		return Optional.ofNullable(workerId).map(this.byId::get);
	}

}
