package org.gridintake.adapters.geo;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import org.gridintake.routes.geo.GridLevel;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.geom.util.PolygonExtracter;
import org.locationtech.jts.index.strtree.STRtree;
import org.locationtech.jts.operation.union.UnaryUnionOp;

/**
 * Checks that each level of the registry tiles its parent: every child inside its parent,
 * siblings not overlapping, and siblings together covering the parent.
 * <p>
 * Exports round coordinates to 1e-7 degrees (about a centimetre), so neighbouring
 * polygons never meet exactly; a hard zero tolerance would refuse every real file. A
 * stray piece (outside the parent, shared by two siblings, or covered by no sibling) is
 * tolerated when it is at most {@value #TOLERATED_AREA_M2} m² or narrower than
 * {@value #TOLERATED_WIDTH_M} m everywhere: such a piece is below GPS precision, so it
 * cannot decide which grid a report belongs to. Anything larger is a drawing error that
 * would leave a spot unlocated or claimed twice.
 */
final class GridTopology {

	static final double TOLERATED_AREA_M2 = 1.0;

	static final double TOLERATED_WIDTH_M = 1.0;

	private static final double METRES_PER_DEGREE = 6_371_008.8 * Math.PI / 180.0;

	private final Function<String, IllegalStateException> fail;

	private GridTopology(Function<String, IllegalStateException> fail) {
		this.fail = fail;
	}

	/**
	 * @param units every unit by code, parents already checked to exist one level up
	 * @param fail turns a problem into the exception to throw, naming the file
	 */
	static void check(Map<String, GridRegistry.Entry> units, Function<String, IllegalStateException> fail) {
		Map<String, List<GridRegistry.Entry>> children = new LinkedHashMap<>();
		for (GridRegistry.Entry entry : units.values()) {
			if (entry.parentCode() != null) {
				children.computeIfAbsent(entry.parentCode(), (code) -> new ArrayList<>()).add(entry);
			}
		}
		GridTopology topology = new GridTopology(fail);
		children.forEach((parentCode, siblings) -> topology.checkFamily(units.get(parentCode), siblings));
		// A community or street with no children would pass every per-family check,
		// yet leave its whole area without a unit grid.
		for (GridRegistry.Entry entry : units.values()) {
			if (entry.unit().level() != GridLevel.GRID && !children.containsKey(entry.unit().code())) {
				throw fail.apply("unit " + entry.unit().code() + " (" + entry.unit().level().code() + ") has no "
						+ "children, so its area would be covered by no unit grid");
			}
		}
	}

	private void checkFamily(GridRegistry.Entry parent, List<GridRegistry.Entry> siblings) {
		PreparedGeometry preparedParent = PreparedGeometryFactory.prepare(parent.area());
		for (GridRegistry.Entry child : siblings) {
			if (!preparedParent.covers(child.area())) {
				Piece outside = largest(child.area().difference(parent.area()));
				if (outside != null) {
					throw this.fail.apply("unit " + child.unit().code() + " lies partly outside its parent "
							+ parent.unit().code() + ": " + outside);
				}
			}
		}
		List<Geometry> areas = siblings.stream().map(GridRegistry.Entry::area).toList();
		Geometry union = UnaryUnionOp.union(areas);
		double overlapM2 = areaM2(areas.stream().mapToDouble(Geometry::getArea).sum() - union.getArea(), parent.area());
		// Total overlap is at least any single pair's, so a small total clears every pair
		// without looking at pairs at all.
		if (overlapM2 > TOLERATED_AREA_M2) {
			checkPairs(siblings);
		}
		Piece gap = largest(parent.area().difference(union));
		if (gap != null) {
			throw this.fail.apply("unit " + parent.unit().code() + " is not covered by its children: a gap " + gap);
		}
	}

	private void checkPairs(List<GridRegistry.Entry> siblings) {
		STRtree tree = new STRtree();
		siblings.forEach((entry) -> tree.insert(entry.area().getEnvelopeInternal(), entry));
		List<GridRegistry.Entry> ordered = new ArrayList<>(siblings);
		ordered.sort(Comparator.comparing((GridRegistry.Entry entry) -> entry.unit().code()));
		for (GridRegistry.Entry entry : ordered) {
			PreparedGeometry prepared = PreparedGeometryFactory.prepare(entry.area());
			for (Object item : tree.query(entry.area().getEnvelopeInternal())) {
				GridRegistry.Entry other = (GridRegistry.Entry) item;
				// Each pair once, and the prepared test skips the exact intersection
				// for pairs whose polygons do not even meet.
				if (other.unit().code().compareTo(entry.unit().code()) <= 0 || !prepared.intersects(other.area())) {
					continue;
				}
				Piece overlap = largest(entry.area().intersection(other.area()));
				if (overlap != null) {
					throw this.fail
						.apply("units " + entry.unit().code() + " and " + other.unit().code() + " overlap: " + overlap);
				}
			}
		}
	}

	/** The largest polygonal piece that is beyond tolerance, or null when none is. */
	private static Piece largest(Geometry stray) {
		Piece worst = null;
		for (Object item : PolygonExtracter.getPolygons(stray)) {
			Polygon part = (Polygon) item;
			if (part.isEmpty()) {
				continue;
			}
			double m2 = areaM2(part.getArea(), part);
			if (m2 <= TOLERATED_AREA_M2 || (worst != null && m2 <= worst.areaM2)) {
				continue;
			}
			// Shrinking by half the tolerated width removes any strip narrower than it.
			// Buffering in degrees of latitude under-measures east-west widths by
			// cos(latitude), which errs towards refusing.
			double halfWidth = TOLERATED_WIDTH_M / 2 / METRES_PER_DEGREE;
			if (part.buffer(-halfWidth).isEmpty()) {
				continue;
			}
			worst = new Piece(m2, part.getInteriorPoint());
		}
		return worst;
	}

	private static double areaM2(double squareDegrees, Geometry where) {
		double lat = where.getEnvelopeInternal().centre().y;
		return squareDegrees * METRES_PER_DEGREE * METRES_PER_DEGREE * Math.cos(Math.toRadians(lat));
	}

	private record Piece(double areaM2, Point at) {

		@Override
		public String toString() {
			return String.format(Locale.ROOT, "%.1f m² around (%.7f, %.7f)", this.areaM2, this.at.getX(),
					this.at.getY());
		}

	}

}
