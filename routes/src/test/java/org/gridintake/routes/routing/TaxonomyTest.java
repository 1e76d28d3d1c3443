package org.gridintake.routes.routing;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.gridintake.routes.geo.GridLevel;

import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class TaxonomyTest {

	@Test
	void aCodeListedTwiceIsRefused() {
		Category twice = new Category("1101", "x", "event", GridLevel.STREET, List.of());
		assertThatIllegalArgumentException().isThrownBy(() -> new Taxonomy(List.of(twice, twice)))
			.withMessageContaining("1101");
	}

}
