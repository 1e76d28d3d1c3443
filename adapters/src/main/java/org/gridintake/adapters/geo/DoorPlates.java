package org.gridintake.adapters.geo;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

import org.gridintake.routes.geo.GeoPoint;

/**
 * The door plates of one road. Odd numbers run along one side and even numbers along the
 * other, so a missing number is placed only between its neighbours of the same parity:
 * the opposite side may be a block further on, and a point put there could fall in
 * another grid.
 */
final class DoorPlates {

	private static final double METRES_PER_DEGREE = 6_371_008.8 * Math.PI / 180.0;

	private final Side odd;

	private final Side even;

	private DoorPlates(Side odd, Side even) {
		this.odd = odd;
		this.even = even;
	}

	static DoorPlates of(Map<Integer, GeoPoint> plates) {
		TreeMap<Integer, GeoPoint> odd = new TreeMap<>();
		TreeMap<Integer, GeoPoint> even = new TreeMap<>();
		plates.forEach((number, point) -> ((number % 2 != 0) ? odd : even).put(number, point));
		return new DoorPlates(Side.of(odd), Side.of(even));
	}

	/**
	 * Where door {@code number} is.
	 * @return the plate, an interpolated point with the gap it bridges, or null when the
	 * number lies outside the numbers known on its side (a point there would be invented,
	 * not interpolated)
	 */
	Door find(int number) {
		return ((number % 2 != 0) ? this.odd : this.even).find(number);
	}

	/** The plate nearest the middle of the road, for a road that has no geometry. */
	GeoPoint middle() {
		Side side = (this.odd.numbers.length >= this.even.numbers.length) ? this.odd : this.even;
		return (side.numbers.length > 0) ? side.points[side.numbers.length / 2] : null;
	}

	/**
	 * A located door.
	 *
	 * @param point WGS-84
	 * @param exact whether the plate itself is in the gazetteer
	 * @param gapMetres for an interpolated door, the distance between the two plates it
	 * was placed between; 0 for an exact one
	 */
	record Door(GeoPoint point, boolean exact, double gapMetres) {
	}

	private static final class Side {

		private final int[] numbers;

		private final GeoPoint[] points;

		private Side(int[] numbers, GeoPoint[] points) {
			this.numbers = numbers;
			this.points = points;
		}

		static Side of(TreeMap<Integer, GeoPoint> plates) {
			return new Side(plates.keySet().stream().mapToInt(Integer::intValue).toArray(),
					plates.values().toArray(GeoPoint[]::new));
		}

		Door find(int number) {
			int at = Arrays.binarySearch(this.numbers, number);
			if (at >= 0) {
				return new Door(this.points[at], true, 0.0);
			}
			int above = -at - 1;
			if (above == 0 || above == this.numbers.length) {
				return null;
			}
			int below = above - 1;
			GeoPoint a = this.points[below];
			GeoPoint b = this.points[above];
			double t = (double) (number - this.numbers[below]) / (this.numbers[above] - this.numbers[below]);
			GeoPoint point = new GeoPoint(a.lon() + t * (b.lon() - a.lon()), a.lat() + t * (b.lat() - a.lat()));
			return new Door(point, false, distanceMetres(a, b));
		}

	}

	static double distanceMetres(GeoPoint a, GeoPoint b) {
		double kx = Math.cos(Math.toRadians((a.lat() + b.lat()) / 2));
		double dx = (b.lon() - a.lon()) * kx;
		double dy = b.lat() - a.lat();
		return Math.sqrt(dx * dx + dy * dy) * METRES_PER_DEGREE;
	}

}
