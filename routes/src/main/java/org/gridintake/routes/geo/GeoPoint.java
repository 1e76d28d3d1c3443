package org.gridintake.routes.geo;

/**
 * A longitude/latitude pair in degrees. Which datum it is in is carried separately
 * ({@link Crs}); inside the pipeline every stored point is WGS-84.
 */
public record GeoPoint(double lon, double lat) {

	public boolean isFinite() {
		return Double.isFinite(this.lon) && Double.isFinite(this.lat);
	}

	@Override
	public String toString() {
		return String.format(java.util.Locale.ROOT, "(%.7f, %.7f)", this.lon, this.lat);
	}

}
