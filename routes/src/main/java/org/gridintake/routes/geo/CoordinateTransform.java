package org.gridintake.routes.geo;

import java.util.Objects;

/**
 * Converts points between WGS-84 and the two datums Chinese web maps use.
 * <p>
 * GCJ-02 is WGS-84 plus a published but deliberately irregular offset (the formula below
 * is the widely reproduced "eviltransform" one, which matches the official maps to well
 * under a metre). BD-09 is Baidu's further rotation and shift applied on top of GCJ-02.
 * Only the forward directions are taken as the definition; the ways back are solved by
 * iterating them rather than by the usual one-step approximations, which leave 1-2 m
 * (GCJ-02) and ~0.15 m (BD-09) of error: enough to put a point near a grid edge in the
 * neighbouring grid, and to make a stored point drift on every round trip.
 */
public final class CoordinateTransform {

	// Krasovsky 1940: the ellipsoid the GCJ-02 obfuscation is defined on, not WGS-84's.
	private static final double KRASOVSKY_A = 6378245.0;

	private static final double KRASOVSKY_EE = 0.00669342162296594323;

	private static final double BAIDU_X_PI = Math.PI * 3000.0 / 180.0;

	// Sub-millimetre in degrees: the inverse then agrees with the forward formula far
	// below anything a phone or a grid boundary can resolve.
	private static final double INVERSE_TOLERANCE_DEGREES = 1e-9;

	// The offset's derivative is tiny, so each step gains several digits; the cap
	// only guards against looping forever on a pathological input.
	private static final int INVERSE_MAX_ITERATIONS = 30;

	/*
	 * A coarse outline of mainland China (lon, lat), generous at land borders, that
	 * leaves out Taiwan, Korea, Japan, Mongolia and the Russian Far East, which the usual
	 * bounding box wrongly includes. Twin border towns across a river
	 * (Heihe/Blagoveshchensk, Hekou/Lao Cai) are beyond its resolution; Hong Kong and
	 * Macau are inside it, as in the common implementations.
	 */
	private static final double[] MAINLAND_OUTLINE = { 122.3, 53.6, 125.6, 53.2, 127.6, 50.2, 130.7, 48.9, 132.6, 47.8,
			134.1, 48.5, 134.8, 48.4, 133.1, 45.1, 131.0, 44.8, 131.3, 43.4, 130.6, 42.4, 129.0, 41.9, 128.0, 41.4,
			126.5, 41.4, 124.3, 39.8, 121.0, 38.6, 122.8, 37.4, 120.5, 35.8, 119.4, 34.6, 121.0, 32.6, 122.3, 31.4,
			122.9, 30.0, 121.9, 28.6, 121.0, 27.4, 120.2, 26.6, 119.9, 25.3, 118.5, 24.3, 117.3, 23.4, 116.0, 22.6,
			114.3, 22.1, 113.0, 21.8, 111.0, 21.3, 111.2, 19.9, 110.4, 18.0, 108.6, 18.3, 108.5, 19.5, 109.6, 21.4,
			108.0, 21.5, 106.7, 21.9, 105.6, 23.0, 104.0, 22.4, 102.2, 22.3, 101.7, 21.1, 101.0, 21.3, 99.3, 22.0, 98.7,
			23.8, 97.5, 23.9, 98.7, 27.5, 97.4, 28.4, 95.5, 29.0, 92.0, 27.7, 89.0, 27.9, 88.0, 27.8, 86.0, 27.9, 84.0,
			28.5, 81.0, 30.1, 78.8, 31.0, 78.4, 32.6, 79.4, 34.2, 77.8, 35.6, 75.9, 36.6, 74.6, 37.1, 73.5, 39.4, 75.6,
			40.5, 77.8, 41.0, 80.1, 42.1, 80.1, 43.0, 80.8, 45.1, 82.6, 45.4, 82.9, 47.2, 85.5, 47.1, 87.3, 49.2, 88.8,
			48.1, 90.8, 46.0, 91.0, 45.0, 93.5, 44.9, 95.4, 44.2, 96.4, 42.7, 100.0, 42.6, 105.0, 41.5, 107.0, 42.3,
			110.4, 42.8, 111.9, 43.8, 111.6, 45.1, 113.6, 44.8, 116.6, 46.3, 119.9, 46.7, 117.5, 47.8, 115.6, 47.9,
			116.7, 49.9, 117.9, 49.6, 119.3, 50.2, 120.1, 51.7, 121.4, 53.3 };

	private CoordinateTransform() {
	}

	/** Brings a point given in {@code from} to WGS-84. */
	public static GeoPoint toWgs84(GeoPoint p, Crs from) {
		Objects.requireNonNull(p, "p");
		Objects.requireNonNull(from, "from");
		// Garbage in stays recognisable as garbage (isFinite() false) instead of throwing
		// inside a route; the locator finds no grid for it.
		if (!p.isFinite()) {
			return p;
		}
		return switch (from) {
			case WGS84 -> p;
			case GCJ02 -> gcj02ToWgs84(p);
			case BD09 -> gcj02ToWgs84(bd09ToGcj02(p));
		};
	}

	/** Expresses a WGS-84 point in {@code to}, e.g. to show it on a Chinese web map. */
	public static GeoPoint fromWgs84(GeoPoint wgs84, Crs to) {
		Objects.requireNonNull(wgs84, "wgs84");
		Objects.requireNonNull(to, "to");
		if (!wgs84.isFinite()) {
			return wgs84;
		}
		return switch (to) {
			case WGS84 -> wgs84;
			case GCJ02 -> wgs84ToGcj02(wgs84);
			case BD09 -> gcj02ToBd09(wgs84ToGcj02(wgs84));
		};
	}

	/** Whether GCJ-02 differs from WGS-84 at this point (coarsely: mainland China). */
	static boolean inMainlandChina(double lon, double lat) {
		// Cheap rejection first: most points abroad never reach the polygon test.
		if (lon < 73.0 || lon > 135.5 || lat < 17.5 || lat > 54.0) {
			return false;
		}
		boolean inside = false;
		int n = MAINLAND_OUTLINE.length / 2;
		for (int i = 0, j = n - 1; i < n; j = i++) {
			double xi = MAINLAND_OUTLINE[2 * i];
			double yi = MAINLAND_OUTLINE[2 * i + 1];
			double xj = MAINLAND_OUTLINE[2 * j];
			double yj = MAINLAND_OUTLINE[2 * j + 1];
			if ((yi > lat) != (yj > lat) && lon < xi + (lat - yi) * (xj - xi) / (yj - yi)) {
				inside = !inside;
			}
		}
		return inside;
	}

	private static GeoPoint wgs84ToGcj02(GeoPoint wgs84) {
		if (!inMainlandChina(wgs84.lon(), wgs84.lat())) {
			return wgs84;
		}
		return gcj02Offset(wgs84.lon(), wgs84.lat());
	}

	private static GeoPoint gcj02ToWgs84(GeoPoint gcj) {
		if (!inMainlandChina(gcj.lon(), gcj.lat())) {
			return gcj;
		}
		// Fixed-point iteration on the forward formula: move the guess by however far its
		// image misses the given GCJ-02 point.
		double lon = gcj.lon();
		double lat = gcj.lat();
		for (int i = 0; i < INVERSE_MAX_ITERATIONS; i++) {
			GeoPoint image = gcj02Offset(lon, lat);
			double dLon = image.lon() - gcj.lon();
			double dLat = image.lat() - gcj.lat();
			lon -= dLon;
			lat -= dLat;
			if (Math.abs(dLon) < INVERSE_TOLERANCE_DEGREES && Math.abs(dLat) < INVERSE_TOLERANCE_DEGREES) {
				break;
			}
		}
		return new GeoPoint(lon, lat);
	}

	// Applied without the mainland test so that the inverse iteration sees one smooth
	// function even right at the outline.
	private static GeoPoint gcj02Offset(double lon, double lat) {
		double x = lon - 105.0;
		double y = lat - 35.0;
		double radLat = Math.toRadians(lat);
		double sinLat = Math.sin(radLat);
		double magic = 1 - KRASOVSKY_EE * sinLat * sinLat;
		double sqrtMagic = Math.sqrt(magic);
		double dLat = (offsetLat(x, y) * 180.0) / ((KRASOVSKY_A * (1 - KRASOVSKY_EE)) / (magic * sqrtMagic) * Math.PI);
		double dLon = (offsetLon(x, y) * 180.0) / (KRASOVSKY_A / sqrtMagic * Math.cos(radLat) * Math.PI);
		return new GeoPoint(lon + dLon, lat + dLat);
	}

	private static double offsetLat(double x, double y) {
		double ret = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x));
		ret += (20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0 / 3.0;
		ret += (20.0 * Math.sin(y * Math.PI) + 40.0 * Math.sin(y / 3.0 * Math.PI)) * 2.0 / 3.0;
		ret += (160.0 * Math.sin(y / 12.0 * Math.PI) + 320.0 * Math.sin(y * Math.PI / 30.0)) * 2.0 / 3.0;
		return ret;
	}

	private static double offsetLon(double x, double y) {
		double ret = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x));
		ret += (20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0 / 3.0;
		ret += (20.0 * Math.sin(x * Math.PI) + 40.0 * Math.sin(x / 3.0 * Math.PI)) * 2.0 / 3.0;
		ret += (150.0 * Math.sin(x / 12.0 * Math.PI) + 300.0 * Math.sin(x / 30.0 * Math.PI)) * 2.0 / 3.0;
		return ret;
	}

	// Baidu's rotation and scaling of GCJ-02 around the origin, plus a fixed shift; it is
	// not tied to mainland China, so it is applied everywhere.
	private static GeoPoint gcj02ToBd09(GeoPoint gcj) {
		double x = gcj.lon();
		double y = gcj.lat();
		double z = Math.sqrt(x * x + y * y) + 0.00002 * Math.sin(y * BAIDU_X_PI);
		double theta = Math.atan2(y, x) + 0.000003 * Math.cos(x * BAIDU_X_PI);
		return new GeoPoint(z * Math.cos(theta) + 0.0065, z * Math.sin(theta) + 0.006);
	}

	private static GeoPoint bd09ToGcj02(GeoPoint bd) {
		// Baidu's published inverse is itself an approximation (up to ~0.15 m off its own
		// forward formula in the city); it only serves as the starting guess here.
		double x = bd.lon() - 0.0065;
		double y = bd.lat() - 0.006;
		double z = Math.sqrt(x * x + y * y) - 0.00002 * Math.sin(y * BAIDU_X_PI);
		double theta = Math.atan2(y, x) - 0.000003 * Math.cos(x * BAIDU_X_PI);
		double lon = z * Math.cos(theta);
		double lat = z * Math.sin(theta);
		for (int i = 0; i < INVERSE_MAX_ITERATIONS; i++) {
			GeoPoint image = gcj02ToBd09(new GeoPoint(lon, lat));
			double dLon = image.lon() - bd.lon();
			double dLat = image.lat() - bd.lat();
			lon -= dLon;
			lat -= dLat;
			if (Math.abs(dLon) < INVERSE_TOLERANCE_DEGREES && Math.abs(dLat) < INVERSE_TOLERANCE_DEGREES) {
				break;
			}
		}
		return new GeoPoint(lon, lat);
	}

}
