package org.gridintake.adapters.workers;

import java.nio.file.Path;

import org.gridintake.routes.field.GridWorkers;
import org.gridintake.routes.geo.GridLocator;

/** The grid worker registry as the pipeline sees it: read once from a JSON file. */
public final class GridWorkerAdapters {

	private GridWorkerAdapters() {
	}

	/**
	 * Reads and validates the registry: a JSON list of {@code {"id": "GW0070032",
	 * "community": "110199007003", "name": "张三"}}, with {@code name} optional.
	 * @param file the registry file
	 * @param grids the grid registry every assigned community must belong to
	 * @return a lookup that is safe to share between threads
	 * @throws IllegalStateException when the file cannot be read or an entry is wrong;
	 * the message names the file and the entry
	 */
	public static GridWorkers registry(Path file, GridLocator grids) {
		return GridWorkerRegistry.read(file, grids);
	}

}
