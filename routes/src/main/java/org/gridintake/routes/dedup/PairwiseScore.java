package org.gridintake.routes.dedup;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * How well reports were grouped into cases, counted over pairs of reports: two reports
 * are merged when they ended up in one case, truly the same when they share an incident.
 * Shared by the merge quality test and the replay command, so both score alike.
 *
 * @param truePairs pairs of one incident
 * @param mergedPairs pairs put in one case
 * @param rightPairs pairs of one incident put in one case
 */
public record PairwiseScore(long truePairs, long mergedPairs, long rightPairs) {

	/**
	 * Scores the pairs with at least one item chosen by {@code involving}.
	 * @param incident the true incident of an item
	 * @param caseKey the case an item ended up in; items with equal keys were merged
	 */
	public static <T> PairwiseScore of(List<T> items, Function<T, String> incident, Function<T, ?> caseKey,
			Predicate<T> involving) {
		long truePairs = 0;
		long mergedPairs = 0;
		long rightPairs = 0;
		for (int i = 0; i < items.size(); i++) {
			T a = items.get(i);
			boolean aInvolved = involving.test(a);
			for (int j = i + 1; j < items.size(); j++) {
				T b = items.get(j);
				if (!aInvolved && !involving.test(b)) {
					continue;
				}
				boolean same = Objects.equals(incident.apply(a), incident.apply(b));
				boolean merged = Objects.equals(caseKey.apply(a), caseKey.apply(b));
				truePairs += same ? 1 : 0;
				mergedPairs += merged ? 1 : 0;
				rightPairs += (same && merged) ? 1 : 0;
			}
		}
		return new PairwiseScore(truePairs, mergedPairs, rightPairs);
	}

	/** Of the pairs merged, the share that are truly one incident; 1 when none merged. */
	public double precision() {
		return (this.mergedPairs == 0) ? 1.0 : (double) this.rightPairs / this.mergedPairs;
	}

	/** Of the pairs of one incident, the share merged; 1 when there are none. */
	public double recall() {
		return (this.truePairs == 0) ? 1.0 : (double) this.rightPairs / this.truePairs;
	}

	public double f1() {
		double p = precision();
		double r = recall();
		return (p + r == 0) ? 0 : 2 * p * r / (p + r);
	}

}
