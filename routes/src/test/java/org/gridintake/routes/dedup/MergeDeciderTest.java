package org.gridintake.routes.dedup;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.gridintake.routes.casedraft.CaseNumber;
import org.gridintake.routes.casedraft.Channel;
import org.gridintake.routes.casedraft.ChannelRef;
import org.gridintake.routes.casedraft.RawMessage;
import org.gridintake.routes.casedraft.ReportOrigin;
import org.gridintake.routes.casedraft.ReportedPoint;
import org.gridintake.routes.casedraft.Reporter;
import org.gridintake.routes.geo.Crs;
import org.gridintake.routes.geo.GeoPoint;
import org.gridintake.routes.geo.LocationEvidence;
import org.gridintake.routes.geo.MatchKind;
import org.gridintake.routes.geo.PlaceMatch;
import org.gridintake.routes.intake.InboundReport;
import org.gridintake.routes.intake.IntakeWork;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class MergeDeciderTest {

	private static final String HYDRANT = "0107";

	private static final String LAMP = "0101";

	private static final Instant NOON = Instant.parse("2026-07-01T04:00:00Z");

	private static final GeoPoint HERE = new GeoPoint(116.40, 39.91);

	private final MergeDecider decider = new MergeDecider(MergeRules.DEFAULTS);

	private static MergeFeatures report(String category, Instant at, String door, String problem) {
		return new MergeFeatures(category, HERE, at, door, problem);
	}

	private static MergeCandidate master(String category, Instant openedAt, String door, String problem,
			double distance) {
		OpenCase open = new OpenCase(UUID.randomUUID(), new CaseNumber("QH20260701-000001"),
				new MergeFeatures(category, north(HERE, distance), openedAt, door, problem));
		return new MergeCandidate(open, distance);
	}

	/** A point {@code meters} north. */
	private static GeoPoint north(GeoPoint from, double meters) {
		return new GeoPoint(from.lon(), from.lat() + meters / 111_195.0);
	}

	private MergeDecision decide(MergeFeatures report, MergeCandidate... candidates) {
		return this.decider.decide(report, List.of(candidates));
	}

	@Nested
	class Place {

		@Test
		void aMasterWithinTheRadiusTakesTheReportWithItsEvidence() {
			MergeCandidate master = master(HYDRANT, NOON, null, "消防栓漏水", 60);
			MergeDecision decision = decide(report(HYDRANT, NOON.plusSeconds(3600), null, "消防栓一直在漏水"), master);

			assertThat(decision).isInstanceOfSatisfying(MergeDecision.DuplicateOf.class, (duplicate) -> {
				assertThat(duplicate.master()).isEqualTo(master.openCase());
				assertThat(duplicate.evidence().distanceMeters()).isEqualTo(60);
				assertThat(duplicate.evidence().categoryCode()).isEqualTo(HYDRANT);
				assertThat(duplicate.evidence().timeGap()).isEqualTo(Duration.ofHours(1));
				assertThat(duplicate.evidence().similarity()).isGreaterThan(0.5);
				assertThat(duplicate.evidence().door()).isEqualTo(MergeEvidence.DoorEvidence.NONE);
			});
		}

		@Test
		void aMasterBeyondTheRadiusDoesNot() {
			assertThat(decide(report(HYDRANT, NOON, null, "消防栓漏水"), master(HYDRANT, NOON, null, "消防栓漏水", 140)))
				.isInstanceOf(MergeDecision.NewMaster.class);
		}

		@Test
		void waterloggingAndFallenTreesReachFurther() {
			assertThat(decider.searchRadius(MergeRules.WATERLOGGING)).isGreaterThan(decider.searchRadius(HYDRANT));
			assertThat(decider.searchRadius(MergeRules.FALLEN_TREE)).isGreaterThan(decider.searchRadius(HYDRANT));
			assertThat(decide(report(MergeRules.WATERLOGGING, NOON, null, "积水过不去"),
					master(MergeRules.WATERLOGGING, NOON, null, "路口积水很深", 200)))
				.isInstanceOf(MergeDecision.DuplicateOf.class);
			assertThat(decide(report(MergeRules.FALLEN_TREE, NOON, null, "大树倒了"),
					master(MergeRules.FALLEN_TREE, NOON, null, "树倒了挡路", 140)))
				.isInstanceOf(MergeDecision.DuplicateOf.class);
		}

		@Test
		void theSearchCoversTheSameDoorSlack() {
			assertThat(decider.searchRadius(HYDRANT)).isEqualTo(200);
		}

		@Test
		void oneDoorPlateBeatsAScatteredPosition() {
			MergeFeatures report = report(HYDRANT, NOON, "和平路12号", "消防栓漏水");
			assertThat(decide(report, master(HYDRANT, NOON, "和平路12号", "消防栓漏水", 170))).isInstanceOfSatisfying(
					MergeDecision.DuplicateOf.class, (duplicate) -> assertThat(duplicate.evidence().door())
						.isEqualTo(MergeEvidence.DoorEvidence.SAME_DOOR));
			// but not without limit
			assertThat(decide(report, master(HYDRANT, NOON, "和平路12号", "消防栓漏水", 230)))
				.isInstanceOf(MergeDecision.NewMaster.class);
		}

		@Test
		void anotherDoorOnTheSameRoadIsAnotherPlaceHoweverNear() {
			assertThat(decide(report(HYDRANT, NOON, "和平路12号", "消防栓漏水"), master(HYDRANT, NOON, "和平路32号", "消防栓漏水", 20)))
				.isInstanceOf(MergeDecision.NewMaster.class);
		}

		@Test
		void doorsOnTwoRoadsMayBeOneCorner() {
			assertThat(decide(report(HYDRANT, NOON, "和平路12号", "消防栓漏水"), master(HYDRANT, NOON, "复兴大街3号", "消防栓漏水", 40)))
				.isInstanceOf(MergeDecision.DuplicateOf.class);
		}

		@Test
		void aReportWithoutADoorMergesByDistanceAlone() {
			assertThat(decide(report(HYDRANT, NOON, null, "消防栓漏水"), master(HYDRANT, NOON, "和平路12号", "消防栓漏水", 50)))
				.isInstanceOfSatisfying(MergeDecision.DuplicateOf.class,
						(duplicate) -> assertThat(duplicate.evidence().door())
							.isEqualTo(MergeEvidence.DoorEvidence.NONE));
		}

		@Test
		void theMasterNamingTheSameDoorIsPreferredToANearerOne() {
			MergeCandidate nearer = master(HYDRANT, NOON, null, "消防栓漏水", 10);
			MergeCandidate sameDoor = master(HYDRANT, NOON, "和平路12号", "消防栓漏水", 60);
			assertThat(decide(report(HYDRANT, NOON, "和平路12号", "消防栓漏水"), nearer, sameDoor)).isInstanceOfSatisfying(
					MergeDecision.DuplicateOf.class,
					(duplicate) -> assertThat(duplicate.master()).isEqualTo(sameDoor.openCase()));
		}

		@Test
		void otherwiseTheNearestMasterThatPassesTakesIt() {
			MergeCandidate far = master(HYDRANT, NOON, null, "消防栓漏水", 80);
			MergeCandidate otherCategory = master(LAMP, NOON, null, "路灯不亮", 5);
			MergeCandidate near = master(HYDRANT, NOON, null, "消防栓漏水", 30);
			assertThat(decide(report(HYDRANT, NOON, null, "消防栓漏水"), otherCategory, far, near)).isInstanceOfSatisfying(
					MergeDecision.DuplicateOf.class,
					(duplicate) -> assertThat(duplicate.master()).isEqualTo(near.openCase()));
		}

	}

	@Nested
	class CategoryAndTime {

		@Test
		void anotherCategoryAtTheSamePlaceIsAnotherCase() {
			assertThat(decide(report(HYDRANT, NOON, null, "漏水"), master(LAMP, NOON, null, "漏水", 0)))
				.isInstanceOf(MergeDecision.NewMaster.class);
		}

		@Test
		void aMasterOlderThanTheWindowIsNotMergedInto() {
			MergeCandidate master = master(HYDRANT, NOON, null, "消防栓漏水", 10);
			assertThat(decide(report(HYDRANT, NOON.plus(Duration.ofHours(71)), null, "消防栓漏水"), master))
				.isInstanceOf(MergeDecision.DuplicateOf.class);
			assertThat(decide(report(HYDRANT, NOON.plus(Duration.ofDays(30)), null, "消防栓漏水"), master))
				.isInstanceOf(MergeDecision.NewMaster.class);
		}

		@Test
		void aCategoryMayHaveAWindowOfItsOwn() {
			MergeDecider decider = new MergeDecider(
					MergeRules.DEFAULTS.withWindow(Duration.ofHours(72), Map.of(HYDRANT, Duration.ofHours(6))));
			MergeCandidate master = master(HYDRANT, NOON, null, "消防栓漏水", 10);
			assertThat(decider.decide(report(HYDRANT, NOON.plus(Duration.ofHours(7)), null, "消防栓漏水"), List.of(master)))
				.isInstanceOf(MergeDecision.NewMaster.class);
			assertThat(decider.decide(report(LAMP, NOON.plus(Duration.ofHours(7)), null, "路灯不亮"),
					List.of(master(LAMP, NOON, null, "路灯不亮", 10))))
				.isInstanceOf(MergeDecision.DuplicateOf.class);
		}

		@Test
		void aMasterOpenedAfterTheReportTakesItOnlyWithinTheClockSkew() {
			assertThat(decide(report(HYDRANT, NOON, null, "消防栓漏水"),
					master(HYDRANT, NOON.plus(Duration.ofMinutes(2)), null, "消防栓漏水", 10)))
				.isInstanceOfSatisfying(MergeDecision.DuplicateOf.class,
						(duplicate) -> assertThat(duplicate.evidence().timeGap()).isEqualTo(Duration.ofMinutes(-2)));
			assertThat(decide(report(HYDRANT, NOON, null, "消防栓漏水"),
					master(HYDRANT, NOON.plus(Duration.ofDays(1)), null, "消防栓漏水", 10)))
				.isInstanceOf(MergeDecision.NewMaster.class);
		}

	}

	@Nested
	class Words {

		@Test
		void differentProblemsOfOneCategoryAtOnePlaceAreVetoed() {
			assertThat(decide(report(HYDRANT, NOON, "和平路12号", "灭火器过期"), master(HYDRANT, NOON, "和平路12号", "消防栓漏水", 0)))
				.isInstanceOf(MergeDecision.NewMaster.class);
		}

		@Test
		void wordsNamingNoProblemDoNotVeto() {
			assertThat(decide(report(HYDRANT, NOON, null, ""), master(HYDRANT, NOON, null, "消防栓漏水", 10)))
				.isInstanceOf(MergeDecision.DuplicateOf.class);
		}

		@Test
		void theAssessmentSaysWhichRuleKeptThemApart() {
			MergeFeatures report = report(HYDRANT, NOON, "和平路12号", "消防栓漏水");
			MergeDecider.Assessment otherDoor = decider.assess(report, master(HYDRANT, NOON, "和平路32号", "消防栓漏水", 20));
			assertThat(otherDoor.brokenRule()).isEqualTo(MergeDecider.Rule.DOOR);
			assertThat(otherDoor.rejection()).contains("和平路12号", "和平路32号");
			MergeDecider.Assessment otherProblem = decider.assess(report, master(HYDRANT, NOON, null, "灭火器过期", 20));
			assertThat(otherProblem.brokenRule()).isEqualTo(MergeDecider.Rule.TEXT);
			assertThat(otherProblem.rejection()).contains("different problems");
			assertThat(decider.assess(report, master(LAMP, NOON, null, "消防栓漏水", 20)).brokenRule())
				.isEqualTo(MergeDecider.Rule.CATEGORY);
			assertThat(decider.assess(report, master(HYDRANT, NOON.minus(Duration.ofDays(5)), null, "消防栓漏水", 20))
				.brokenRule()).isEqualTo(MergeDecider.Rule.TIME);
			assertThat(decider.assess(report, master(HYDRANT, NOON, null, "消防栓漏水", 150)).brokenRule())
				.isEqualTo(MergeDecider.Rule.PLACE);
			MergeDecider.Assessment passes = decider.assess(report, master(HYDRANT, NOON, null, "消防栓漏水", 20));
			assertThat(passes.mergeable()).isTrue();
			assertThat(passes.brokenRule()).isNull();
		}

	}

	@Nested
	class NotMergeable {

		@Test
		void withoutACategoryOrAPointNothingIsMerged() {
			MergeCandidate master = master(HYDRANT, NOON, null, "消防栓漏水", 0);
			assertThat(decide(new MergeFeatures(null, HERE, NOON, null, "消防栓漏水"), master))
				.isInstanceOf(MergeDecision.NotMergeable.class);
			assertThat(decide(new MergeFeatures(HYDRANT, null, NOON, null, "消防栓漏水"), master))
				.isInstanceOf(MergeDecision.NotMergeable.class);
		}

	}

	@Nested
	class Features {

		private final Instant receivedAt = Instant.parse("2026-07-01T01:00:00Z");

		private IntakeWork work(String text, String address, ReportedPoint point, String category) {
			return IntakeWork.of(new InboundReport(Channel.SMS, new ChannelRef("m-1", ChannelRef.Kind.CHANNEL),
					this.receivedAt, Reporter.anonymous(), text, point, address, category,
					RawMessage.utf8("text/plain", text), ReportOrigin.RESIDENT));
		}

		@Test
		void aMatchedDoorGivesTheGazetteersPlateAndItsWordsLeaveTheProblem() {
			String text = "你好，和平路十二号门口消防栓漏水了";
			PlaceMatch door = new PlaceMatch(HERE, 3, 11, "和平路十二号门口", MatchKind.DOOR_EXACT, 0.95, "和平路12号");
			IntakeWork located = work(text, null, null, null)
				.withPlace(HERE, null, new LocationEvidence(LocationEvidence.Source.TEXT, door, null, false))
				.withCategory(HYDRANT);

			MergeFeatures features = decider.features(located);

			assertThat(features.categoryCode()).isEqualTo(HYDRANT);
			assertThat(features.point()).isEqualTo(HERE);
			assertThat(features.at()).isEqualTo(this.receivedAt);
			assertThat(features.doorPlate()).isEqualTo("和平路12号");
			assertThat(features.problemText()).isEqualTo("消防栓漏水");
		}

		@Test
		void aDoorInTheWordsCountsWhenTheMatchWasNoDoor() {
			String text = "育英小学旁边幸福路五十六号积水很深";
			PlaceMatch school = new PlaceMatch(HERE, 0, 6, "育英小学旁边", MatchKind.POI, 0.9, "育英小学");
			IntakeWork located = work(text, null, null, null)
				.withPlace(HERE, null, new LocationEvidence(LocationEvidence.Source.TEXT, school, null, false))
				.withCategory(MergeRules.WATERLOGGING);

			assertThat(decider.features(located).doorPlate()).isEqualTo("幸福路56号");
			assertThat(decider.features(located).problemText()).isEqualTo("积水很深");
		}

		@Test
		void aMapPickWithAnAddressInWordsKeepsItsDoor() {
			IntakeWork picked = work("井盖丢了", "金台街85号对面", new ReportedPoint(HERE, Crs.WGS84, 10.0), null)
				.withPlace(HERE, null, new LocationEvidence(LocationEvidence.Source.POINT, null, null, false))
				.withCategory("0102");

			MergeFeatures features = decider.features(picked);

			assertThat(features.doorPlate()).isEqualTo("金台街85号");
			assertThat(DoorPlate.parse(features.doorPlate())
				.orElseThrow()
				.sameDoor(DoorPlate.parse("金台大街85号").orElseThrow())).isTrue();
		}

		@Test
		void aDoorFarFromTheMapPickIsNoEvidence() {
			PlaceMatch door = new PlaceMatch(north(HERE, 800), 0, 7, "金台大街85号", MatchKind.DOOR_EXACT, 0.95, "金台大街85号");
			IntakeWork picked = work("井盖丢了", "金台大街85号", new ReportedPoint(HERE, Crs.WGS84, 10.0), null)
				.withPlace(HERE, null, new LocationEvidence(LocationEvidence.Source.POINT, door, 800.0, true))
				.withCategory("0102");

			assertThat(decider.features(picked).doorPlate()).isNull();
		}

		@Test
		void anUnlocatedOrUncategorisedReportIsNotMergeable() {
			IntakeWork unlocated = work("路灯不亮", null, null, LAMP);
			assertThat(decider.decide(decider.features(unlocated), List.of()))
				.isInstanceOf(MergeDecision.NotMergeable.class);
			IntakeWork uncategorised = work("有点问题", null, null, null).withPlace(HERE, null,
					LocationEvidence.none(null));
			assertThat(decider.decide(decider.features(uncategorised), List.of()))
				.isInstanceOf(MergeDecision.NotMergeable.class);
		}

	}

	@Nested
	class Rules {

		@Test
		void nonsenseIsRefusedAtConstruction() {
			assertThatIllegalArgumentException().isThrownBy(() -> MergeRules.DEFAULTS.withRadius(0, Map.of()));
			assertThatIllegalArgumentException()
				.isThrownBy(() -> MergeRules.DEFAULTS.withRadius(100, Map.of(HYDRANT, -5.0)));
			assertThatIllegalArgumentException()
				.isThrownBy(() -> MergeRules.DEFAULTS.withWindow(Duration.ZERO, Map.of()));
			assertThatIllegalArgumentException().isThrownBy(() -> MergeRules.DEFAULTS.withVetoBelow(1.5));
			assertThatIllegalArgumentException().isThrownBy(() -> MergeRules.DEFAULTS.withSameDoorSlack(-1));
		}

		@Test
		void overridesApplyToTheirCategoryOnly() {
			assertThat(MergeRules.DEFAULTS.radiusMeters(MergeRules.WATERLOGGING)).isGreaterThan(100);
			assertThat(MergeRules.DEFAULTS.radiusMeters(HYDRANT)).isEqualTo(100);
			assertThat(MergeRules.DEFAULTS.window(HYDRANT)).isEqualTo(Duration.ofHours(72));
		}

	}

}
