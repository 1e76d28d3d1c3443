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

	private final String version;

	private final Map<String, GridUnit> units;

	private final STRtree grids;

	private GridIndex(String version, Map<String, GridUnit> units, STRtree grids) {
		this.version = version;
		this.units = units;
		this.grids = grids;
	}

	static GridIndex of(GridRegistry registry) {
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
		return new GridIndex(registry.version(), Map.copyOf(units), tree);
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
		return Optional.of(new GridLocation(match.grid.chain(), edge, this.version));
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
