package org.gridintake.routes.routing;

import java.net.URI;
import java.util.List;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import org.gridintake.routes.casedraft.Channel;
import org.gridintake.routes.casedraft.ChannelRef;
import org.gridintake.routes.casedraft.RawMessage;
import org.gridintake.routes.casedraft.Reporter;
import org.gridintake.routes.intake.InboundReport;
import org.gridintake.routes.intake.IntakeWork;

import org.gridintake.routes.geo.GridChain;
import org.gridintake.routes.geo.GridLevel;
import org.gridintake.routes.geo.GridUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class CaseRouterTest {

	private static final Taxonomy TAXONOMY = new Taxonomy(
			List.of(new Category("0101", "路灯故障", "component", GridLevel.COMMUNITY, List.of("路灯")),
					new Category("1109", "餐饮油烟", "event", GridLevel.STREET, List.of("油烟")),
					new Category("1103", "违章搭建", "event", GridLevel.DISTRICT, List.of("违建"))));

	private static final PlatformEndpoint DISTRICT = platform("qh-district", GridLevel.DISTRICT, "110199");

	private static final PlatformEndpoint STREETS = platform("qh-streets", GridLevel.STREET, "110199");

	private static final PlatformEndpoint DONGHUA = platform("donghua-street", GridLevel.STREET, "110199001");

	private static final PlatformEndpoint COMMUNITIES = platform("qh-communities", GridLevel.COMMUNITY, "110199");

	private final CaseRouter router = new CaseRouter(TAXONOMY,
			new PlatformDirectory(List.of(DISTRICT, STREETS, DONGHUA, COMMUNITIES)), "110199");

	@Test
	void theCategorysLevelPicksThePlatformCoveringTheGridThere() {
		RouteDecision decision = this.router.decide("0101", chain("110199005001029"));
		assertThat(decision.platformId()).isEqualTo("qh-communities");
		assertThat(decision.level()).isEqualTo(GridLevel.COMMUNITY);
		assertThat(decision.areaCode()).isEqualTo("110199005001");
		assertThat(decision.triage()).isFalse();
		assertThat(decision.rule()).contains("0101").contains("community level");
	}

	@Test
	void aStreetWithASystemOfItsOwnOverridesTheDistrictWideStreetPlatform() {
		assertThat(this.router.decide("1109", chain("110199001002003")).platformId()).isEqualTo("donghua-street");
		assertThat(this.router.decide("1109", chain("110199005001029")).platformId()).isEqualTo("qh-streets");
	}

	@Test
	void districtCategoriesGoToTheDistrict() {
		RouteDecision decision = this.router.decide("1103", chain("110199005001029"));
		assertThat(decision.platformId()).isEqualTo("qh-district");
		assertThat(decision.areaCode()).isEqualTo("110199");
	}

	@Test
	void withoutAPlatformAtTheCategorysLevelTheCaseGoesUpAndTheRuleSaysWhy() {
		CaseRouter noCommunities = new CaseRouter(TAXONOMY, new PlatformDirectory(List.of(DISTRICT, STREETS)),
				"110199");
		RouteDecision decision = noCommunities.decide("0101", chain("110199005001029"));
		assertThat(decision.platformId()).isEqualTo("qh-streets");
		assertThat(decision.level()).isEqualTo(GridLevel.STREET);
		assertThat(decision.rule()).contains("no community platform covers 110199005001");
	}

	@Test
	void anUncategorisedCaseGoesToItsStreetsTriage() {
		RouteDecision decision = this.router.decide(null, chain("110199001002003"));
		assertThat(decision.triage()).isTrue();
		assertThat(decision.platformId()).isEqualTo("donghua-street");
		assertThat(decision.areaCode()).isEqualTo("110199001");
	}

	@Test
	void anUnlocatedCaseGoesToTheDistrictsTriage() {
		RouteDecision decision = this.router.decide("0101", null);
		assertThat(decision.triage()).isTrue();
		assertThat(decision.platformId()).isEqualTo("qh-district");
		assertThat(decision.rule()).startsWith("unlocated");
	}

	@Test
	void anUnlocatedCaseWhoseWordsPointToAStreetGoesToThatStreetsTriage() {
		IntakeWork work = IntakeWork
			.of(new InboundReport(Channel.SMS, new ChannelRef("r", ChannelRef.Kind.CHANNEL), Instant.now(),
					Reporter.anonymous(), "东华街道有人乱倒垃圾", null, null, null, RawMessage.utf8("text/plain", "x"),
					org.gridintake.routes.casedraft.ReportOrigin.RESIDENT))
			.withTriageArea(chain("110199001002003"));
		RouteDecision decision = this.router.route(work).route();
		assertThat(decision.triage()).isTrue();
		assertThat(decision.platformId()).isEqualTo("donghua-street");
		assertThat(decision.areaCode()).isEqualTo("110199001");
		assertThat(decision.rule()).contains("street triage");
	}

	@Test
	void aConfigurationWithoutADistrictPlatformIsRefused() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new CaseRouter(TAXONOMY, new PlatformDirectory(List.of(STREETS)), "110199"))
			.withMessageContaining("110199");
	}

	static GridChain chain(String grid) {
		return new GridChain(new GridUnit(grid.substring(0, 6), "区", GridLevel.DISTRICT),
				new GridUnit(grid.substring(0, 9), "街道", GridLevel.STREET),
				new GridUnit(grid.substring(0, 12), "社区", GridLevel.COMMUNITY),
				new GridUnit(grid, "网格", GridLevel.GRID));
	}

	private static PlatformEndpoint platform(String id, GridLevel level, String area) {
		return new PlatformEndpoint(id, id, level, area, URI.create("http://platform.test/" + id), false, "secret");
	}

}
