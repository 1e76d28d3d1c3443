package org.gridintake.adapters.geo;

import java.util.ArrayList;
import java.util.List;

import org.gridintake.routes.geo.GeoPoint;
import org.locationtech.jts.algorithm.locate.IndexedPointInAreaLocator;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Location;
import org.locationtech.jts.operation.union.UnaryUnionOp;

/**
 * The registry's districts plus a margin. The margin is measured from the districts'
 * outline in metres rather than by buffering the polygon in degrees, which would stretch
 * it east-west by 1/cos(latitude).
 */
final class ServiceArea {

	private static final double METRES_PER_DEGREE = 6_371_008.8 * Math.PI / 180.0;

	private final IndexedPointInAreaLocator inside;

	private final double[][] outline;

	private final Envelope reach;

	private final double marginMeters;

	ServiceArea(Iterable<Geometry> districts, double marginMeters) {
		if (!(marginMeters >= 0)) {
			throw new IllegalArgumentException("service area margin must be >= 0 m, was " + marginMeters);
		}
		List<Geometry> parts = new ArrayList<>();
		districts.forEach(parts::add);
		Geometry area = UnaryUnionOp.union(parts);
		this.inside = new IndexedPointInAreaLocator(area);
		this.outline = IndexedGrid.rings(area);
		this.marginMeters = marginMeters;
		Envelope envelope = new Envelope(area.getEnvelopeInternal());
		double widestLat = Math.max(Math.abs(envelope.getMinY()), Math.abs(envelope.getMaxY()));
		envelope.expandBy(marginMeters / (METRES_PER_DEGREE * Math.cos(Math.toRadians(Math.min(widestLat, 89.0)))),
				marginMeters / METRES_PER_DEGREE);
		this.reach = envelope;
		this.inside.locate(area.getEnvelopeInternal().centre());
	}

	boolean contains(GeoPoint wgs84) {
		if (!wgs84.isFinite()) {
			return false;
		}
		Coordinate point = new Coordinate(wgs84.lon(), wgs84.lat());
		if (!this.reach.contains(point)) {
			return false;
		}
		return this.inside.locate(point) != Location.EXTERIOR
				|| IndexedGrid.distanceMeters(this.outline, wgs84) <= this.marginMeters;
	}

}
