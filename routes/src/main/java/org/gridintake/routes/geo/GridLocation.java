package org.gridintake.routes.geo;

import java.util.Optional;

/**
 * Where a WGS-84 point falls in the grid registry.
 *
 * @param chain the unit grid and its parents
 * @param edgeDistanceMeters how far the point is from the nearest edge of its unit grid;
 * small values mean a neighbouring grid may be the responsible one
 * @param registryVersion which version of the registry located it, so a later redraw does
 * not silently move old cases
 * @param alternative when the point lies close to its grid's edge, the nearest
 * neighbouring grid across it, so routing can pick the responsible one and platforms see
 * the ambiguity; null otherwise
 */
public record GridLocation(GridChain chain, double edgeDistanceMeters, String registryVersion, GridChain alternative) {

	/** A location far enough from every edge that no neighbour is in question. */
	public GridLocation(GridChain chain, double edgeDistanceMeters, String registryVersion) {
		this(chain, edgeDistanceMeters, registryVersion, null);
	}

	/**
	 * The neighbouring grid that may be the responsible one, when the point is near an
	 * edge.
	 */
	public Optional<GridChain> nearEdgeAlternative() {
		return Optional.ofNullable(this.alternative);
	}

}
