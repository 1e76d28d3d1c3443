package org.gridintake.routes.geo;

import java.util.Objects;

/** A unit grid with the community, street and district that contain it. */
public record GridChain(GridUnit district, GridUnit street, GridUnit community, GridUnit grid) {

	public GridChain {
		Objects.requireNonNull(district, "district");
		Objects.requireNonNull(street, "street");
		Objects.requireNonNull(community, "community");
		Objects.requireNonNull(grid, "grid");
	}

	/** The unit of this chain at the given level. */
	public GridUnit at(GridLevel level) {
		return switch (level) {
			case DISTRICT -> this.district;
			case STREET -> this.street;
			case COMMUNITY -> this.community;
			case GRID -> this.grid;
		};
	}

}
