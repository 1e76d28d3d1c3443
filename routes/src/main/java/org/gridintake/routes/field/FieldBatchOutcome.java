package org.gridintake.routes.field;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** What became of each report of a batch, in the batch's order. */
public record FieldBatchOutcome(List<ItemOutcome> items) {

	static final FieldBatchOutcome NONE = new FieldBatchOutcome(List.of());

	public FieldBatchOutcome {
		items = items.stream().sorted(Comparator.comparingInt(ItemOutcome::index)).toList();
	}

	FieldBatchOutcome with(ItemOutcome item) {
		List<ItemOutcome> more = new ArrayList<>(this.items);
		more.add(item);
		return new FieldBatchOutcome(more);
	}

	public long count(ItemOutcome.Outcome outcome) {
		return this.items.stream().filter((item) -> item.outcome() == outcome).count();
	}

}
