package org.gridintake.routes.intake;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DecimalTextTest {

	@Test
	void readsDecimalsAsPeopleWriteThem() {
		assertThat(DecimalText.parse(" 116.411522 ")).isEqualTo(116.411522);
		assertThat(DecimalText.parse("-39")).isEqualTo(-39.0);
		assertThat(DecimalText.parse("+.5")).isEqualTo(0.5);
		assertThat(DecimalText.parse("3.9914483e1")).isEqualTo(39.914483);
	}

	@Test
	void refusesJavasOwnSpellingsAndWhatIsNotFinite() {
		for (String text : new String[] { "NaN", "Infinity", "-Infinity", "0x1p3", "116.41d", "116.41f", "1e999", "",
				" ", "1,5", "116.4.1", "１１６.４" }) {
			assertThat(DecimalText.parse(text)).as(text).isNull();
		}
		assertThat(DecimalText.parse(null)).isNull();
	}

}
