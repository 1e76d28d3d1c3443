package org.gridintake.adapters.geo;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.gridintake.routes.geo.GeoPoint;
import org.gridintake.routes.geo.GridChain;
import org.gridintake.routes.geo.GridLevel;
import org.gridintake.routes.geo.GridLocation;
import org.gridintake.routes.geo.GridLocator;
import org.gridintake.routes.geo.GridUnit;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Location;
import org.locationtech.jts.index.strtree.STRtree;

/**
 * Finds the unit grid of a point: an STR-tree over the grids' bounding boxes narrows the
 * search to a handful of candidates, each of which answers point-in-polygon from its own
 * prebuilt edge index. Immutable once built, so it is shared between threads.
 */
final class GridIndex implements GridLocator {

	static final double DEFAULT_NEAR_EDGE_METERS = 15.0;

	static final double DEFAULT_SERVICE_MARGIN_METERS = 200.0;

	private static final double METRES_PER_DEGREE = 6_371_008.8 * Math.PI / 180.0;

	private final String version;

	private final Map<String, GridUnit> units;

	private final STRtree grids;

	private final double nearEdgeMeters;

	private final ServiceArea serviceArea;

	private GridIndex(String version, Map<String, GridUnit> units, STRtree grids, double nearEdgeMeters,
			ServiceArea serviceArea) {
		this.version = version;
		this.units = units;
		this.grids = grids;
		this.nearEdgeMeters = nearEdgeMeters;
		this.serviceArea = serviceArea;
	}

	static GridIndex of(GridRegistry registry) {
		return of(registry, DEFAULT_NEAR_EDGE_METERS, DEFAULT_SERVICE_MARGIN_METERS);
	}

	static GridIndex of(GridRegistry registry, double nearEdgeMeters, double serviceMarginMeters) {
		if (!(nearEdgeMeters >= 0)) {
			throw new IllegalArgumentException("near-edge distance must be >= 0 m, was " + nearEdgeMeters);
		}
		Map<String, GridUnit> units = new HashMap<>();
		registry.units().forEach((code, entry) -> units.put(code, entry.unit()));
		STRtree tree = new STRtree();
		for (GridRegistry.Entry entry : registry.units().values()) {
			if (entry.unit().level() == GridLevel.GRID) {
				IndexedGrid grid = new IndexedGrid(chain(entry, registry.units()), entry.area());
				tree.insert(entry.area().getEnvelopeInternal(), grid);
			}
		}
		// Built now, not on the first query, so that the first case does not pay for it.
		tree.build();
		ServiceArea serviceArea = new ServiceArea(registry.units()
			.values()
			.stream()
			.filter((entry) -> entry.unit().level() == GridLevel.DISTRICT)
			.map(GridRegistry.Entry::area)
			.toList(), serviceMarginMeters);
		return new GridIndex(registry.version(), Map.copyOf(units), tree, nearEdgeMeters, serviceArea);
	}

	private static GridChain chain(GridRegistry.Entry grid, Map<String, GridRegistry.Entry> units) {
		GridRegistry.Entry community = units.get(grid.parentCode());
		GridRegistry.Entry street = units.get(community.parentCode());
		GridRegistry.Entry district = units.get(street.parentCode());
		return new GridChain(district.unit(), street.unit(), community.unit(), grid.unit());
	}

	@Override
	public Optional<GridLocation> locate(GeoPoint wgs84) {
		if (!wgs84.isFinite()) {
			return Optional.empty();
		}
		Coordinate point = new Coordinate(wgs84.lon(), wgs84.lat());
		Match match = new Match();
		this.grids.query(new Envelope(point), (item) -> match.offer((IndexedGrid) item, point));
		if (match.grid == null) {
			return Optional.empty();
		}
		double edge = (match.location == Location.BOUNDARY) ? 0.0 : match.grid.edgeDistanceMeters(wgs84);
		GridChain alternative = (edge <= this.nearEdgeMeters) ? neighbour(match.grid, wgs84, point) : null;
		return Optional.of(new GridLocation(match.grid.chain(), edge, this.version, alternative));
	}

	/**
	 * The nearest other grid within the near-edge distance, or null when there is none
	 * (the edge is the district's outer border).
	 */
	private GridChain neighbour(IndexedGrid own, GeoPoint wgs84, Coordinate point) {
		double dLat = this.nearEdgeMeters / METRES_PER_DEGREE;
		double dLon = dLat / Math.max(Math.cos(Math.toRadians(wgs84.lat())), 1e-6);
		Envelope around = new Envelope(point);
		around.expandBy(dLon, dLat);
		IndexedGrid[] best = new IndexedGrid[1];
		double[] bestDistance = { Double.POSITIVE_INFINITY };
		this.grids.query(around, (item) -> {
			IndexedGrid candidate = (IndexedGrid) item;
			if (candidate == own) {
				return;
			}
			// The point is outside every other grid (or on its boundary), so the distance
			// to its nearest edge is the distance to the grid itself.
			double distance = (candidate.locate(point) == Location.EXTERIOR) ? candidate.edgeDistanceMeters(wgs84)
					: 0.0;
			if (distance <= this.nearEdgeMeters && (distance < bestDistance[0] || (distance == bestDistance[0]
					&& candidate.chain().grid().code().compareTo(best[0].chain().grid().code()) < 0))) {
				best[0] = candidate;
				bestDistance[0] = distance;
			}
		});
		return (best[0] != null) ? best[0].chain() : null;
	}

	@Override
	public boolean inServiceArea(GeoPoint wgs84) {
		return this.serviceArea.contains(wgs84);
	}

	String version() {
		return this.version;
	}

	@Override
	public Optional<GridUnit> unit(String code) {
		return (code != null) ? Optional.ofNullable(this.units.get(code)) : Optional.empty();
	}

	/**
	 * The best candidate seen so far. Grids tile without overlap, so a point is inside at
	 * most one; a point exactly on a shared edge touches several, and the lowest code
	 * wins so that the same point always lands in the same grid.
	 */
	private static final class Match {

		private IndexedGrid grid;

		private int location = Location.EXTERIOR;

		void offer(IndexedGrid candidate, Coordinate point) {
			if (this.location == Location.INTERIOR) {
				return;
			}
			int where = candidate.locate(point);
			if (where == Location.INTERIOR || (where == Location.BOUNDARY && (this.grid == null
					|| candidate.chain().grid().code().compareTo(this.grid.chain().grid().code()) < 0))) {
				this.grid = candidate;
				this.location = where;
			}
		}

	}

}
