package org.gridintake.routes.field;

import java.util.List;

/**
 * A batch whose envelope passed: a registered worker and a list of reports of an
 * acceptable length. Each report is still checked on its own.
 */
public record FieldBatch(GridWorker worker, List<FieldItem> items) {

	public FieldBatch {
		items = List.copyOf(items);
	}

}
