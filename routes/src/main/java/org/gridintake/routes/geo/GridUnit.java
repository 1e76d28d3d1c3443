package org.gridintake.routes.geo;

/** One area of the grid hierarchy: a district, street, community or unit grid. */
public record GridUnit(String code, String name, GridLevel level) {
}
