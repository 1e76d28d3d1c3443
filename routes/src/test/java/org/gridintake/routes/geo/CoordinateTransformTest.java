package org.gridintake.routes.geo;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class CoordinateTransformTest {

	private static final double METRES_PER_DEGREE = 6_371_008.8 * Math.PI / 180.0;

	/** The sample district, centre about 116.405 E, 39.915 N, and a margin around it. */
	private static List<GeoPoint> districtPoints() {
		Random random = new Random(20260701L);
		List<GeoPoint> points = new ArrayList<>();
		points.add(new GeoPoint(116.405, 39.915));
		for (int i = 0; i < 2000; i++) {
			points.add(new GeoPoint(116.405 + (random.nextDouble() - 0.5) * 0.1,
					39.915 + (random.nextDouble() - 0.5) * 0.1));
		}
		return points;
	}

	@ParameterizedTest
	@EnumSource(Crs.class)
	void roundTripsAcrossTheDistrictStayUnderATenthOfAMetre(Crs crs) {
		double worst = 0;
		for (GeoPoint wgs84 : districtPoints()) {
			GeoPoint back = CoordinateTransform.toWgs84(CoordinateTransform.fromWgs84(wgs84, crs), crs);
			worst = Math.max(worst, metresBetween(wgs84, back));
		}
		assertThat(worst).isLessThan(0.1);
	}

	@Test
	void mapPointsInTheCityAreHundredsOfMetresOffWgs84() {
		GeoPoint centre = new GeoPoint(116.405, 39.915);
		assertThat(metresBetween(centre, CoordinateTransform.fromWgs84(centre, Crs.GCJ02))).isBetween(300.0, 800.0);
		assertThat(metresBetween(centre, CoordinateTransform.fromWgs84(centre, Crs.BD09))).isBetween(800.0, 1500.0);
	}

	@Test
	void gcj02ToWgs84IsTheExactInverseNotTheOneStepApproximation() {
		GeoPoint gcj = new GeoPoint(116.404, 39.915);
		GeoPoint wgs84 = CoordinateTransform.toWgs84(gcj, Crs.GCJ02);
		GeoPoint again = CoordinateTransform.fromWgs84(wgs84, Crs.GCJ02);
		assertThat(metresBetween(gcj, again)).isLessThan(0.001);
	}

	/*
	 * Published WGS-84 -> GCJ-02 pairs: Shanghai, Shenzhen and Beijing from the test
	 * table of googollee/eviltransform (python), Beijing again from
	 * wandergis/coordtransform.
	 */
	@ParameterizedTest
	@CsvSource({ "121.5272106, 31.1774276, 121.531541859215, 31.17530398364597",
			"113.912316, 22.543847, 113.9171764808363, 22.540796131694766",
			"116.377817, 39.911954, 116.38404722455657, 39.91334545536069",
			"116.404, 39.915, 116.41024449916938, 39.91640428150164" })
	void knownWgs84ToGcj02Pairs(double wgsLon, double wgsLat, double gcjLon, double gcjLat) {
		GeoPoint gcj = CoordinateTransform.fromWgs84(new GeoPoint(wgsLon, wgsLat), Crs.GCJ02);
		assertThat(gcj.lon()).isCloseTo(gcjLon, within(1e-9));
		assertThat(gcj.lat()).isCloseTo(gcjLat, within(1e-9));
		GeoPoint back = CoordinateTransform.toWgs84(new GeoPoint(gcjLon, gcjLat), Crs.GCJ02);
		assertThat(metresBetween(back, new GeoPoint(wgsLon, wgsLat))).isLessThan(0.01);
	}

	/**
	 * Published GCJ-02 -> WGS-84 pair (hujiulong/gcoord unit test, given to 5 decimals).
	 */
	@Test
	void knownGcj02ToWgs84Pair() {
		GeoPoint wgs84 = CoordinateTransform.toWgs84(new GeoPoint(123, 45), Crs.GCJ02);
		assertThat(wgs84.lon()).isCloseTo(122.99395597, within(1e-5));
		assertThat(wgs84.lat()).isCloseTo(44.99804071, within(1e-5));
	}

	/*
	 * Published GCJ-02 <-> BD-09 pairs from wandergis/coordtransform. Its BD-09 -> GCJ-02
	 * value comes from Baidu's one-step inverse, which is up to ~0.15 m off the exact
	 * one, hence the looser tolerance on that direction.
	 */
	@Test
	void knownBd09Pairs() {
		GeoPoint bd = fromGcj02(new GeoPoint(116.404, 39.915), Crs.BD09);
		assertThat(bd.lon()).isCloseTo(116.41036949371029, within(1e-9));
		assertThat(bd.lat()).isCloseTo(39.92133699351021, within(1e-9));
		GeoPoint gcj = toGcj02(new GeoPoint(116.404, 39.915), Crs.BD09);
		assertThat(metresBetween(gcj, new GeoPoint(116.39762729119315, 39.90865673957631))).isLessThan(0.3);
	}

	@ParameterizedTest
	@CsvSource({ "139.6917, 35.6895", "126.9780, 37.5665", "106.9057, 47.8864", "121.5654, 25.0330",
			"120.3014, 22.6273", "105.8342, 21.0278", "125.7625, 39.0392", "131.8869, 43.1155", "2.3522, 48.8566",
			"-74.0060, 40.7128", "151.2093, -33.8688" })
	void pointsOutsideMainlandChinaAreUnchangedByGcj02(double lon, double lat) {
		GeoPoint p = new GeoPoint(lon, lat);
		assertThat(CoordinateTransform.fromWgs84(p, Crs.GCJ02)).isEqualTo(p);
		assertThat(CoordinateTransform.toWgs84(p, Crs.GCJ02)).isEqualTo(p);
	}

	@ParameterizedTest
	@CsvSource({ "116.40, 39.91", "121.47, 31.23", "126.63, 45.75", "87.62, 43.83", "91.11, 29.65", "102.83, 24.88",
			"110.35, 20.02", "109.51, 18.25", "117.43, 49.60", "134.29, 48.36", "75.99, 39.47", "119.79, 25.50",
			"122.20, 30.00", "123.00, 45.00" })
	void mainlandOutlineCoversCitiesToTheBorders(double lon, double lat) {
		assertThat(CoordinateTransform.inMainlandChina(lon, lat)).isTrue();
	}

	@Test
	void wgs84IsPassedThroughAndNonFinitePointsAreNotConverted() {
		GeoPoint p = new GeoPoint(116.405, 39.915);
		assertThat(CoordinateTransform.toWgs84(p, Crs.WGS84)).isSameAs(p);
		assertThat(CoordinateTransform.fromWgs84(p, Crs.WGS84)).isSameAs(p);
		GeoPoint nan = new GeoPoint(Double.NaN, 39.915);
		assertThat(CoordinateTransform.toWgs84(nan, Crs.BD09).isFinite()).isFalse();
	}

	// The public API only speaks to and from WGS-84; the GCJ-02 leg is exact, so going
	// through WGS-84 isolates the BD-09 step.
	private static GeoPoint fromGcj02(GeoPoint gcj, Crs to) {
		return CoordinateTransform.fromWgs84(CoordinateTransform.toWgs84(gcj, Crs.GCJ02), to);
	}

	private static GeoPoint toGcj02(GeoPoint p, Crs from) {
		return CoordinateTransform.fromWgs84(CoordinateTransform.toWgs84(p, from), Crs.GCJ02);
	}

	private static double metresBetween(GeoPoint a, GeoPoint b) {
		double dx = (a.lon() - b.lon()) * Math.cos(Math.toRadians((a.lat() + b.lat()) / 2));
		double dy = a.lat() - b.lat();
		return Math.hypot(dx, dy) * METRES_PER_DEGREE;
	}

}
