package org.gridintake.routes.geo;

/**
 * A longitude/latitude pair in degrees. Which datum it is in is carried separately
 * ({@link Crs}); inside the pipeline every stored point is WGS-84.
 */
public record GeoPoint(double lon, double lat) {

	private static final double EARTH_RADIUS_METERS = 6_371_008.8;

	public boolean isFinite() {
		return Double.isFinite(this.lon) && Double.isFinite(this.lat);
	}

	/** Great-circle distance; plenty accurate at the scale of a city. */
	public double distanceMeters(GeoPoint other) {
		double lat1 = Math.toRadians(this.lat);
		double lat2 = Math.toRadians(other.lat);
		double dLat = lat2 - lat1;
		double dLon = Math.toRadians(other.lon - this.lon);
		double h = Math.sin(dLat / 2) * Math.sin(dLat / 2)
				+ Math.cos(lat1) * Math.cos(lat2) * Math.sin(dLon / 2) * Math.sin(dLon / 2);
		return 2 * EARTH_RADIUS_METERS * Math.asin(Math.min(1, Math.sqrt(h)));
	}

	@Override
	public String toString() {
		return String.format(java.util.Locale.ROOT, "(%.7f, %.7f)", this.lon, this.lat);
	}

}
