package org.gridintake.routes.field;

import java.util.Objects;

import org.gridintake.routes.geo.GridLevel;
import org.gridintake.routes.geo.GridUnit;

/**
 * A community grid worker (网格员) and the community they are assigned to.
 *
 * @param id the worker id their phone app sends
 * @param name the worker's display name, null when the registry gives none
 * @param community the community they file for
 */
public record GridWorker(String id, String name, GridUnit community) {

	public GridWorker {
		Objects.requireNonNull(id, "id");
		Objects.requireNonNull(community, "community");
		if (community.level() != GridLevel.COMMUNITY) {
			throw new IllegalArgumentException(id + " must be assigned to a community, not " + community);
		}
	}

}
