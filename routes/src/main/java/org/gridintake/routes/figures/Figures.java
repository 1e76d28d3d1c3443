package org.gridintake.routes.figures;

import java.util.List;

/**
 * The key figures of one period: a row per group and a row for everything.
 *
 * @param query what was asked
 * @param rows one per platform, street or community, ordered by key; a row with a
 * {@code null} key holds the cases without one (not forwarded, or not located)
 * @param total every case of the period
 */
public record Figures(FiguresQuery query, List<FigureRow> rows, FigureRow total) {

	public Figures {
		rows = List.copyOf(rows);
	}

}
