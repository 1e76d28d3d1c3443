package org.gridintake.routes.routing;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.gridintake.routes.geo.GridLevel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class TaxonomyTest {

	private final Taxonomy taxonomy = new Taxonomy(
			List.of(new Category("1101", "暴露垃圾", "event", GridLevel.COMMUNITY, List.of("垃圾", "臭")),
					new Category("0104", "垃圾箱破损", "component", GridLevel.COMMUNITY, List.of("垃圾桶", "垃圾箱"))));

	@Test
	void theMoreSpecificKeywordWins() {
		assertThat(this.taxonomy.guess("楼下垃圾桶破了")).map(Category::code).contains("0104");
		assertThat(this.taxonomy.guess("垃圾堆了好几天，很臭")).map(Category::code).contains("1101");
	}

	@Test
	void noKeywordNoGuess() {
		assertThat(this.taxonomy.guess("你好，请问几点下班")).isEmpty();
		assertThat(this.taxonomy.guess(" ")).isEmpty();
	}

	@Test
	void aCodeListedTwiceIsRefused() {
		Category twice = new Category("1101", "x", "event", GridLevel.STREET, List.of());
		assertThatIllegalArgumentException().isThrownBy(() -> new Taxonomy(List.of(twice, twice)))
			.withMessageContaining("1101");
	}

}
