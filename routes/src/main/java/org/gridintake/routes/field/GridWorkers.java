package org.gridintake.routes.field;

import java.util.Optional;

/** Port: the registry of grid workers allowed to file field reports. */
public interface GridWorkers {

	/** The worker with this id, or empty when no such worker is registered. */
	Optional<GridWorker> find(String workerId);

}
