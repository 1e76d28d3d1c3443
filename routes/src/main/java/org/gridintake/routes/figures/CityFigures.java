package org.gridintake.routes.figures;

/**
 * The figures the city asks of grid management, computed from the cases and their
 * history; see {@link FigureRow} for what each one counts.
 */
public interface CityFigures {

	Figures compute(FiguresQuery query);

}
