package org.gridintake.adapters.geo;

import java.util.ArrayList;
import java.util.List;

import org.gridintake.routes.geo.GeoPoint;
import org.gridintake.routes.geo.GridChain;
import org.locationtech.jts.algorithm.locate.IndexedPointInAreaLocator;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;

/** One unit grid, prepared for repeated point-in-polygon and edge-distance questions. */
final class IndexedGrid {

	// Mean Earth radius: over a ~120 m grid the choice of radius changes the distance by
	// well under a centimetre.
	private static final double METRES_PER_DEGREE = 6_371_008.8 * Math.PI / 180.0;

	private final GridChain chain;

	private final IndexedPointInAreaLocator locator;

	// Each ring as x0, y0, x1, y1, ... (closed): plain arrays, so that the
	// distance loop allocates nothing.
	private final double[][] rings;

	IndexedGrid(GridChain chain, Geometry area) {
		this.chain = chain;
		this.locator = new IndexedPointInAreaLocator(area);
		this.rings = rings(area);
		// The locator builds its edge index lazily on first use; force it here so that it
		// happens once at load instead of racing in the first concurrent lookups.
		this.locator.locate(area.getEnvelopeInternal().centre());
	}

	GridChain chain() {
		return this.chain;
	}

	/** Where the point lies relative to the grid, as a JTS {@code Location}. */
	int locate(Coordinate point) {
		return this.locator.locate(point);
	}

	/**
	 * Distance from the point to the nearest edge (outer or hole), in metres. An
	 * equirectangular projection centred on the point is exact enough at grid scale and
	 * avoids reprojecting the polygon.
	 */
	double edgeDistanceMeters(GeoPoint point) {
		return distanceMeters(this.rings, point);
	}

	/** Distance from the point to the nearest of the rings' edges, in metres. */
	static double distanceMeters(double[][] rings, GeoPoint point) {
		double kx = Math.cos(Math.toRadians(point.lat()));
		double best = Double.POSITIVE_INFINITY;
		for (double[] ring : rings) {
			double ax = (ring[0] - point.lon()) * kx;
			double ay = ring[1] - point.lat();
			for (int i = 2; i < ring.length; i += 2) {
				double bx = (ring[i] - point.lon()) * kx;
				double by = ring[i + 1] - point.lat();
				best = Math.min(best, squaredDistanceToOrigin(ax, ay, bx, by));
				ax = bx;
				ay = by;
			}
		}
		return Math.sqrt(best) * METRES_PER_DEGREE;
	}

	// The point is the origin of the local frame, so this is the squared
	// distance from the point to segment a-b.
	private static double squaredDistanceToOrigin(double ax, double ay, double bx, double by) {
		double dx = bx - ax;
		double dy = by - ay;
		double lengthSquared = dx * dx + dy * dy;
		double t = (lengthSquared > 0) ? -(ax * dx + ay * dy) / lengthSquared : 0;
		t = Math.max(0, Math.min(1, t));
		double x = ax + t * dx;
		double y = ay + t * dy;
		return x * x + y * y;
	}

	static double[][] rings(Geometry area) {
		List<double[]> rings = new ArrayList<>();
		for (int p = 0; p < area.getNumGeometries(); p++) {
			Polygon polygon = (Polygon) area.getGeometryN(p);
			rings.add(flatten(polygon.getExteriorRing()));
			for (int h = 0; h < polygon.getNumInteriorRing(); h++) {
				rings.add(flatten(polygon.getInteriorRingN(h)));
			}
		}
		return rings.toArray(double[][]::new);
	}

	private static double[] flatten(LinearRing ring) {
		Coordinate[] coordinates = ring.getCoordinates();
		double[] flat = new double[coordinates.length * 2];
		for (int i = 0; i < coordinates.length; i++) {
			flat[2 * i] = coordinates[i].x;
			flat[2 * i + 1] = coordinates[i].y;
		}
		return flat;
	}

}
