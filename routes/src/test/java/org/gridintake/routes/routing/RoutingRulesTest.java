package org.gridintake.routes.routing;

import java.net.URI;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import org.gridintake.routes.casedraft.Channel;
import org.gridintake.routes.geo.GridLevel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.gridintake.routes.routing.CaseRouterTest.chain;

class RoutingRulesTest {

	private static final Taxonomy TAXONOMY = new Taxonomy(
			List.of(new Category("0101", "路灯故障", "component", GridLevel.COMMUNITY, List.of("路灯")),
					new Category("1102", "占道经营", "event", GridLevel.STREET, List.of("摆摊")),
					new Category("1106", "路面破损", "event", GridLevel.STREET, List.of("坑")),
					new Category("1103", "违章搭建", "event", GridLevel.DISTRICT, List.of("违建"))));

	private static final PlatformDirectory PLATFORMS = new PlatformDirectory(List.of(
			platform("qh-district", GridLevel.DISTRICT, "110199"), platform("qh-streets", GridLevel.STREET, "110199"),
			platform("donghua-street", GridLevel.STREET, "110199001"),
			platform("qh-communities", GridLevel.COMMUNITY, "110199")));

	private static final String DONGHUA_GRID = "110199001002003";

	private static final String OTHER_GRID = "110199005001029";

	@Test
	void aCategoryInAStreetGoesToTheNamedPlatform() {
		CaseRouter router = router("""
				rules:
				  - name: 占道经营归区街道平台
				    category: "1102"
				    area: "110199001"
				    platform: qh-streets
				""");
		RouteDecision decision = router.decide(input("1102", DONGHUA_GRID, "门口有人摆摊", Channel.PORTAL));
		assertThat(decision.platformId()).isEqualTo("qh-streets");
		assertThat(decision.rule()).contains("rule 1 \"占道经营归区街道平台\"").contains("category 1102");
		// elsewhere the defaults still decide
		assertThat(router.decide(input("1102", OTHER_GRID, "门口有人摆摊", Channel.PORTAL)).rule())
			.startsWith("category 1102");
	}

	@Test
	void aChannelRuleAppliesToThatChannelOnly() {
		CaseRouter router = router("""
				rules:
				  - channel: hotline
				    category: "0101"
				    level: street
				""");
		assertThat(router.decide(input("0101", OTHER_GRID, "路灯不亮", Channel.HOTLINE)).platformId())
			.isEqualTo("qh-streets");
		assertThat(router.decide(input("0101", OTHER_GRID, "路灯不亮", Channel.PORTAL)).platformId())
			.isEqualTo("qh-communities");
	}

	@Test
	void urgentWordsRaisePriorityAndTheLevelWhereTheRuleSaysSo() {
		CaseRouter router = router("""
				urgent-keywords: [塌陷, 漏气]
				rules:
				  - category: "1106"
				    urgent: true
				    level: street
				    urgent-raises-level: true
				""");
		RouteDecision urgent = router.decide(input("1106", OTHER_GRID, "路面塌陷了一个大坑", Channel.PORTAL));
		assertThat(urgent.priority()).isEqualTo(Priority.URGENT);
		assertThat(urgent.platformId()).isEqualTo("qh-district");
		assertThat(urgent.rule()).contains("urgent word 「塌陷」").contains("district");
		RouteDecision calm = router.decide(input("1106", OTHER_GRID, "路面有个小坑", Channel.PORTAL));
		assertThat(calm.priority()).isEqualTo(Priority.NORMAL);
		assertThat(calm.platformId()).isEqualTo("qh-streets");
		// under the defaults an urgent word raises priority, not the level, unless the
		// file says so
		RouteDecision lamp = router.decide(input("0101", OTHER_GRID, "路灯杆漏气", Channel.PORTAL));
		assertThat(lamp.priority()).isEqualTo(Priority.URGENT);
		assertThat(lamp.platformId()).isEqualTo("qh-communities");
		assertThat(router("urgent-raises-level: true").decide(input("0101", OTHER_GRID, "路灯杆漏气", Channel.PORTAL))
			.platformId()).isEqualTo("qh-streets");
	}

	@Test
	void anUnlocatedRuleSendsToItsPlatformForTriage() {
		CaseRouter router = router("""
				rules:
				  - unlocated: true
				    channel: sms
				    platform: qh-streets
				""");
		RouteDecision decision = router.decide(new RoutingInput("0101", null, null, "路灯坏了", Channel.SMS));
		assertThat(decision.platformId()).isEqualTo("qh-streets");
		assertThat(decision.triage()).isTrue();
		assertThat(router.decide(new RoutingInput("0101", null, null, "路灯坏了", Channel.PORTAL)).platformId())
			.isEqualTo("qh-district");
	}

	@Test
	void theFirstMatchingRuleWinsInFileOrder() {
		CaseRouter router = router("""
				rules:
				  - category: "1103"
				    area: "110199001"
				    platform: donghua-street
				  - category: "1103"
				    platform: qh-streets
				""");
		assertThat(router.decide(input("1103", DONGHUA_GRID, "违建", Channel.PORTAL)).platformId())
			.isEqualTo("donghua-street");
		assertThat(router.decide(input("1103", OTHER_GRID, "违建", Channel.PORTAL)).platformId()).isEqualTo("qh-streets");
	}

	@Test
	void withoutRulesTodaysDefaultsDecide() {
		CaseRouter router = router("");
		RouteDecision decision = router.decide(input("1102", DONGHUA_GRID, "摆摊", Channel.PORTAL));
		assertThat(decision.platformId()).isEqualTo("donghua-street");
		assertThat(decision.priority()).isEqualTo(Priority.NORMAL);
		assertThat(RoutingRules.read("f", null, TAXONOMY, PLATFORMS, (code) -> true).urgentKeywords()).contains("危险",
				"塌陷", "起火", "漏气");
	}

	@Test
	void everyBadEntryIsNamed() {
		assertThatIllegalArgumentException().isThrownBy(() -> read("""
				urgent-keywords: [危险, "  ", 危险]
				rules:
				  - name: 错类
				    category: "9999"
				    platform: qh-streets
				  - category: "0101"
				    platform: nowhere
				  - category: "0101"
				    level: province
				  - catgory: "0101"
				    level: street
				  - category: "0101"
				  - area: "999999"
				    level: street
				"""))
			.withMessageContaining("rules[1] \"错类\": unknown category '9999'")
			.withMessageContaining("rules[2]: unknown platform 'nowhere'")
			.withMessageContaining("rules[3]: unknown level 'province'")
			.withMessageContaining("rules[4]: unknown key 'catgory'")
			.withMessageContaining("rules[5]: give either a platform or a level")
			.withMessageContaining("rules[6]: unknown area '999999'")
			.withMessageContaining("bad keyword")
			.withMessageContaining("'危险' is listed twice");
	}

	private static CaseRouter router(String yaml) {
		RoutingRules rules = read(yaml);
		return new CaseRouter(TAXONOMY, PLATFORMS, "110199", () -> rules);
	}

	private static RoutingRules read(String yaml) {
		Object document = new Yaml().load(yaml);
		return RoutingRules.read("routing-rules.yaml", document, TAXONOMY, PLATFORMS,
				(code) -> code.startsWith("110199"));
	}

	private static RoutingInput input(String category, String grid, String text, Channel channel) {
		return new RoutingInput(category, chain(grid), null, text, channel);
	}

	private static PlatformEndpoint platform(String id, GridLevel level, String area) {
		return new PlatformEndpoint(id, id, level, area, URI.create("http://platform.test/" + id), false, "secret");
	}

}
