package org.gridintake.routes.dedup;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.gridintake.routes.geo.LocationEvidence;
import org.gridintake.routes.geo.MatchKind;
import org.gridintake.routes.geo.PlaceMatch;
import org.gridintake.routes.intake.InboundReport;
import org.gridintake.routes.intake.IntakeWork;

/**
 * Decides whether a report is another report of an open master case: near enough (further
 * for one door plate), the same category, within the master's window, not a different
 * door on the same road, and words not vetoing it. The nearest open masters are found by
 * the caller ({@link OpenCaseIndex#near} within {@link #searchRadius}), so this class
 * stays plain Java and is tested without Redis.
 */
public class MergeDecider {

	private final MergeRules rules;

	private final TextSimilarity similarity;

	public MergeDecider(MergeRules rules) {
		this.rules = rules;
		this.similarity = new TextSimilarity(rules.vetoBelow());
	}

	public MergeRules rules() {
		return this.rules;
	}

	/**
	 * What the rules compare, from a located and categorised report. Without a category
	 * or a point the features carry nulls and {@link #decide} answers
	 * {@link MergeDecision.NotMergeable}.
	 */
	public MergeFeatures features(IntakeWork work) {
		InboundReport report = work.report();
		PlaceMatch match = Optional.ofNullable(work.evidence()).map(LocationEvidence::match).orElse(null);
		List<String> placeWords = new ArrayList<>();
		if (match != null) {
			placeWords.add(match.placeName());
			placeWords.add(match.matchedText());
		}
		if (report.address() != null) {
			placeWords.add(report.address());
		}
		DoorPlate door = null;
		if (match != null && (match.kind() == MatchKind.DOOR_EXACT || match.kind() == MatchKind.DOOR_INTERPOLATED)) {
			door = DoorPlate.parse(match.placeName()).orElse(null);
		}
		if (door == null) {
			// A map pick with a door in its words, or a landmark matched in a text that
			// names a door too: the gazetteer did not place the door, the words name it.
			door = DoorPlate.find(report.address()).or(() -> DoorPlate.find(work.text())).orElse(null);
			if (door != null) {
				placeWords.add(door.road());
			}
		}
		if (work.evidence() != null && work.evidence().addressMismatch()) {
			// The map pick and the address name places far apart: one of them is wrong,
			// and the point is what the case is placed by, so the door says nothing.
			door = null;
		}
		String text = (work.text() != null) ? work.text() : report.text();
		return new MergeFeatures(work.categoryCode(), work.wgs84(), report.receivedAt(),
				(door != null) ? door.toString() : null, TextSimilarity.problemText(text, placeWords));
	}

	/**
	 * How far around a report of this category to look for masters: the radius, plus the
	 * slack a master naming the same door plate is allowed.
	 */
	public double searchRadius(String categoryCode) {
		return this.rules.radiusMeters(categoryCode) + this.rules.sameDoorSlackMeters();
	}

	/** How many of the nearest masters to fetch. */
	public int maxCandidates() {
		return this.rules.maxCandidates();
	}

	/**
	 * Merges into the best master that passes every rule (one naming the same door first,
	 * then the nearest), or opens a case of its own.
	 * @param candidates open masters near the report, as {@link OpenCaseIndex#near} found
	 * them within {@link #searchRadius}
	 */
	public MergeDecision decide(MergeFeatures report, List<MergeCandidate> candidates) {
		if (report.categoryCode() == null) {
			return new MergeDecision.NotMergeable("no category: it goes to triage uncategorised");
		}
		if (report.point() == null) {
			return new MergeDecision.NotMergeable("no point precise enough to compare places");
		}
		MergeCandidate best = null;
		MergeEvidence bestEvidence = null;
		for (MergeCandidate candidate : candidates) {
			Assessment assessment = assess(report, candidate);
			if (assessment.mergeable()
					&& (bestEvidence == null || better(assessment.evidence(), candidate, bestEvidence, best))) {
				best = candidate;
				bestEvidence = assessment.evidence();
			}
		}
		return (best != null) ? new MergeDecision.DuplicateOf(best.openCase(), bestEvidence)
				: new MergeDecision.NewMaster();
	}

	/**
	 * Whether a report may merge into one master, and the evidence or the rule that stops
	 * it: for {@link #decide} and for showing an operator why two reports were not
	 * merged.
	 */
	public Assessment assess(MergeFeatures report, MergeCandidate candidate) {
		MergeFeatures master = candidate.openCase().features();
		String category = report.categoryCode();
		if (category == null || report.point() == null) {
			return Assessment.rejected(Rule.MERGEABLE, "the report has no category or no point");
		}
		if (!category.equals(master.categoryCode())) {
			return Assessment.rejected(Rule.CATEGORY,
					"category " + category + " is not the master's " + master.categoryCode());
		}
		Duration gap = Duration.between(master.at(), report.at());
		if (gap.negated().compareTo(this.rules.clockSkew()) > 0) {
			return Assessment.rejected(Rule.TIME, "the master opened " + gap.negated() + " after the report");
		}
		Duration window = this.rules.window(category);
		if (gap.compareTo(window) > 0) {
			return Assessment.rejected(Rule.TIME,
					"the master opened " + gap + " before, beyond the window of " + window);
		}
		Optional<DoorPlate> reportDoor = DoorPlate.parse(report.doorPlate());
		Optional<DoorPlate> masterDoor = DoorPlate.parse(master.doorPlate());
		boolean bothDoors = reportDoor.isPresent() && masterDoor.isPresent();
		if (bothDoors && reportDoor.get().otherDoorOnSameRoad(masterDoor.get())) {
			return Assessment.rejected(Rule.DOOR,
					reportDoor.get() + " and " + masterDoor.get() + " are different doors");
		}
		boolean sameDoor = bothDoors && reportDoor.get().sameDoor(masterDoor.get());
		double distance = candidate.distanceMeters();
		double radius = this.rules.radiusMeters(category);
		if (distance > radius && !(sameDoor && distance <= radius + this.rules.sameDoorSlackMeters())) {
			return Assessment.rejected(Rule.PLACE, String.format(Locale.ROOT, "%.0f m apart, beyond %.0f m%s", distance,
					radius, sameDoor ? " and the same-door slack" : ""));
		}
		double textSimilarity = TextSimilarity.cosine(report.problemText(), master.problemText());
		if (this.similarity.vetoes(report.problemText(), master.problemText())) {
			return Assessment.rejected(Rule.TEXT,
					String.format(Locale.ROOT, "their words name different problems ('%s' / '%s', similarity %.2f)",
							report.problemText(), master.problemText(), textSimilarity));
		}
		return new Assessment(new MergeEvidence(distance, category, textSimilarity, gap,
				sameDoor ? MergeEvidence.DoorEvidence.SAME_DOOR : MergeEvidence.DoorEvidence.NONE), null, null);
	}

	private static boolean better(MergeEvidence evidence, MergeCandidate candidate, MergeEvidence than,
			MergeCandidate thanCandidate) {
		boolean sameDoor = evidence.door() == MergeEvidence.DoorEvidence.SAME_DOOR;
		boolean thanSameDoor = than.door() == MergeEvidence.DoorEvidence.SAME_DOOR;
		if (sameDoor != thanSameDoor) {
			return sameDoor;
		}
		return candidate.distanceMeters() < thanCandidate.distanceMeters();
	}

	/** The rules, in the order they are applied. */
	public enum Rule {

		/** the report has a category and a point */
		MERGEABLE,
		/** the same category */
		CATEGORY,
		/** the master opened within its window, and not after the report */
		TIME,
		/** not another door on the same road */
		DOOR,
		/** within the radius, or within the slack when both name one door */
		PLACE,
		/** the words do not name different problems */
		TEXT

	}

	/**
	 * One master judged for one report.
	 *
	 * @param evidence why they may merge; null when they may not
	 * @param brokenRule the first rule that keeps them apart; null when they may merge
	 * @param rejection that rule's verdict in words; null when they may merge
	 */
	public record Assessment(MergeEvidence evidence, Rule brokenRule, String rejection) {

		static Assessment rejected(Rule rule, String why) {
			return new Assessment(null, rule, why);
		}

		public boolean mergeable() {
			return this.evidence != null;
		}

	}

}
