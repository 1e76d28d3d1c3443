package org.gridintake.gateway.config;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.gridintake.routes.geo.GridLevel;
import org.gridintake.routes.routing.Category;
import org.gridintake.routes.routing.PlatformDirectory;
import org.gridintake.routes.routing.PlatformEndpoint;
import org.gridintake.routes.routing.Taxonomy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class RoutingRulesFileTest {

	private static final Taxonomy TAXONOMY = new Taxonomy(
			List.of(new Category("1102", "占道经营", "event", GridLevel.STREET, List.of("摆摊"))));

	private static final PlatformDirectory PLATFORMS = new PlatformDirectory(List.of(
			new PlatformEndpoint("qh-district", "区", GridLevel.DISTRICT, "110199", URI.create("http://d"), false, "s"),
			new PlatformEndpoint("qh-streets", "街道", GridLevel.STREET, "110199", URI.create("http://s"), false, "s")));

	private static final String GOOD = """
			urgent-keywords: [危险]
			rules:
			  - name: 占道经营交区里
			    category: "1102"
			    platform: qh-district
			""";

	@TempDir
	Path dir;

	@Test
	void aBadFileStopsStartUpNamingTheEntry() throws Exception {
		Path file = Files.writeString(this.dir.resolve("routing-rules.yaml"), """
				rules:
				  - name: 错的平台
				    category: "1102"
				    platform: qh-nowhere
				""");
		assertThatIllegalStateException().isThrownBy(() -> open(file))
			.withMessageContaining("routing-rules.yaml")
			.withMessageContaining("rules[1] \"错的平台\": unknown platform 'qh-nowhere'");
	}

	@Test
	void aChangedFileIsReadAndABadEditKeepsTheRulesInForce() throws Exception {
		Path file = Files.writeString(this.dir.resolve("routing-rules.yaml"), GOOD);
		try (RoutingRulesFile rules = open(file)) {
			assertThat(rules.current().rules()).hasSize(1);

			Files.writeString(file, GOOD + """
					  - category: "1102"
					    level: street
					""");
			rules.check();
			assertThat(rules.current().rules()).hasSize(2);

			Files.writeString(file, GOOD + """
					  - category: "1102"
					    level: province
					""");
			rules.check();
			assertThat(rules.current().rules()).hasSize(2);
			assertThat(rules.current().rules().get(1).level()).isEqualTo(GridLevel.STREET);

			Files.writeString(file, "rules: [: not yaml");
			rules.check();
			assertThat(rules.current().rules()).hasSize(2);
		}
	}

	@Test
	void theCitysOwnFileIsValid() {
		try (RoutingRulesFile rules = new RoutingRulesFile(
				Path.of(System.getProperty("gateway.config-dir", "../config"), "routing-rules.yaml"), Duration.ZERO,
				cityTaxonomy(), PLATFORMS_WITH_DONGHUA, (code) -> true)) {
			assertThat(rules.current().urgentKeywords()).contains("危险", "塌陷", "起火", "漏气");
		}
	}

	private static final PlatformDirectory PLATFORMS_WITH_DONGHUA = new PlatformDirectory(List.of(
			new PlatformEndpoint("qh-district", "区", GridLevel.DISTRICT, "110199", URI.create("http://d"), false, "s"),
			new PlatformEndpoint("qh-streets", "街道", GridLevel.STREET, "110199", URI.create("http://s"), false, "s"),
			new PlatformEndpoint("donghua-street", "东华", GridLevel.STREET, "110199001", URI.create("http://h"), false,
					"s")));

	private static Taxonomy cityTaxonomy() {
		return new Taxonomy(List.of(new Category("1102", "占道经营", "event", GridLevel.STREET, List.of()),
				new Category("1106", "路面破损", "event", GridLevel.STREET, List.of())));
	}

	private static RoutingRulesFile open(Path file) {
		return new RoutingRulesFile(file, Duration.ZERO, TAXONOMY, PLATFORMS, (code) -> true);
	}

}
