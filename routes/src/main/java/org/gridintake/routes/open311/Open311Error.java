package org.gridintake.routes.open311;

/**
 * One entry of the GeoReport v2 {@code errors} answer.
 *
 * @param code the HTTP status the answer carries
 * @param description what was wrong, naming the Open311 field
 */
public record Open311Error(int code, String description) {
}
