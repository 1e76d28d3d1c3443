package org.gridintake.routes.geo;

/**
 * Where a WGS-84 point falls in the grid registry.
 *
 * @param chain the unit grid and its parents
 * @param edgeDistanceMeters how far the point is from the nearest edge of its unit grid;
 * small values mean a neighbouring grid may be the responsible one
 * @param registryVersion which version of the registry located it, so a later redraw does
 * not silently move old cases
 */
public record GridLocation(GridChain chain, double edgeDistanceMeters, String registryVersion) {
}
