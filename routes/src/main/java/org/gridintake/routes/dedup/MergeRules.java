package org.gridintake.routes.dedup;

import java.time.Duration;
import java.util.Map;

/**
 * When a report counts as another report of an open master case.
 *
 * @param radiusMeters how near a master must be, for categories without an override
 * @param radiusByCategory larger (or smaller) radii by category code: waterlogging
 * spreads along a road and a fallen tree lies across it, so reports of one such incident
 * are further apart than those of a broken lamp
 * @param sameDoorSlackMeters how far beyond the radius a master may still be when both
 * name the same door plate: a map pick or a phone's fix scatters by tens of metres, the
 * door plate does not
 * @param window how long after a master opened it still takes reports, for categories
 * without an override; after that the same problem at the same place is a new incident
 * @param windowByCategory other windows by category code
 * @param clockSkew how much later than a report a master may have opened and still take
 * it: instances' clocks differ a little, and a report decided a moment late may find a
 * master another instance opened for a report received just after it
 * @param vetoBelow the text similarity below which two reports are different problems
 * (see {@link TextSimilarity})
 * @param maxCandidates how many nearest masters to consider
 */
public record MergeRules(double radiusMeters, Map<String, Double> radiusByCategory, double sameDoorSlackMeters,
		Duration window, Map<String, Duration> windowByCategory, Duration clockSkew, double vetoBelow,
		int maxCandidates) {

	/** 道路积水 in the sample taxonomy. */
	public static final String WATERLOGGING = "1105";

	/** 树木倒伏 in the sample taxonomy. */
	public static final String FALLEN_TREE = "0106";

	/**
	 * 100 m, 200 m for waterlogging and 150 m for fallen trees, 100 m more for one door
	 * plate, 72 hours, the similarity veto of {@link TextSimilarity}, 20 candidates.
	 * Checked on the sample district ({@code MergeQualityTest} in adapters, whose
	 * sensitivity table moves one rule at a time): recall drops below 75 m and precision
	 * falls slowly above 100 m. The sample's reports of one flood or one fallen tree lie
	 * no further apart than others, so the larger radii there rest on what the incidents
	 * are (water spreads along a road, a tree lies across it) and cost nothing on the
	 * sample.
	 */
	public static final MergeRules DEFAULTS = new MergeRules(100, Map.of(WATERLOGGING, 200.0, FALLEN_TREE, 150.0), 100,
			Duration.ofHours(72), Map.of(), Duration.ofMinutes(10), TextSimilarity.DEFAULT_VETO_BELOW, 20);

	public MergeRules {
		radiusByCategory = Map.copyOf(radiusByCategory);
		windowByCategory = Map.copyOf(windowByCategory);
		requirePositive("radiusMeters", radiusMeters);
		radiusByCategory.forEach((code, radius) -> requirePositive("radius of category " + code, radius));
		if (!(sameDoorSlackMeters >= 0)) {
			throw new IllegalArgumentException("sameDoorSlackMeters must not be negative, not " + sameDoorSlackMeters);
		}
		requirePositive("window", window);
		windowByCategory
			.forEach((code, categoryWindow) -> requirePositive("window of category " + code, categoryWindow));
		if (clockSkew == null || clockSkew.isNegative()) {
			throw new IllegalArgumentException("clockSkew must not be negative, not " + clockSkew);
		}
		if (!(vetoBelow >= 0 && vetoBelow <= 1)) {
			throw new IllegalArgumentException("vetoBelow must be within 0..1, not " + vetoBelow);
		}
		if (maxCandidates < 1) {
			throw new IllegalArgumentException("maxCandidates must be at least 1, not " + maxCandidates);
		}
	}

	/** How near a master of this category must be. */
	public double radiusMeters(String categoryCode) {
		return this.radiusByCategory.getOrDefault(categoryCode, this.radiusMeters);
	}

	/** How long a master of this category takes reports. */
	public Duration window(String categoryCode) {
		return this.windowByCategory.getOrDefault(categoryCode, this.window);
	}

	public MergeRules withRadius(double radius, Map<String, Double> byCategory) {
		return new MergeRules(radius, byCategory, this.sameDoorSlackMeters, this.window, this.windowByCategory,
				this.clockSkew, this.vetoBelow, this.maxCandidates);
	}

	public MergeRules withSameDoorSlack(double slackMeters) {
		return new MergeRules(this.radiusMeters, this.radiusByCategory, slackMeters, this.window, this.windowByCategory,
				this.clockSkew, this.vetoBelow, this.maxCandidates);
	}

	public MergeRules withWindow(Duration defaultWindow, Map<String, Duration> byCategory) {
		return new MergeRules(this.radiusMeters, this.radiusByCategory, this.sameDoorSlackMeters, defaultWindow,
				byCategory, this.clockSkew, this.vetoBelow, this.maxCandidates);
	}

	public MergeRules withVetoBelow(double threshold) {
		return new MergeRules(this.radiusMeters, this.radiusByCategory, this.sameDoorSlackMeters, this.window,
				this.windowByCategory, this.clockSkew, threshold, this.maxCandidates);
	}

	private static void requirePositive(String what, double value) {
		if (!(value > 0) || Double.isInfinite(value)) {
			throw new IllegalArgumentException(what + " must be a positive number of metres, not " + value);
		}
	}

	private static void requirePositive(String what, Duration value) {
		if (value == null || value.isNegative() || value.isZero()) {
			throw new IllegalArgumentException(what + " must be positive, not " + value);
		}
	}

}
