package org.gridintake.routes.console;

import org.junit.jupiter.api.Test;

import org.gridintake.routes.geo.Crs;
import org.gridintake.routes.intake.FieldError;
import org.gridintake.routes.intake.InvalidReportException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class PlaceQueryTest {

	@Test
	void anAddressOrAPointIsAPlace() {
		assertThat(PlaceQuery.parse(" 双榆街115号 ", null, null, null)).isEqualTo(new PlaceQuery("双榆街115号", null));
		PlaceQuery point = PlaceQuery.parse(null, "116.41", " 39.91", "GCJ-02");
		assertThat(point.point().crs()).isEqualTo(Crs.GCJ02);
		assertThat(point.point().point().lat()).isEqualTo(39.91);
	}

	@Test
	void eachBadParameterIsNamed() {
		assertThatExceptionOfType(InvalidReportException.class)
			.isThrownBy(() -> PlaceQuery.parse(" ", null, null, null))
			.satisfies((ex) -> assertThat(ex.errors()).extracting(FieldError::field).containsExactly("address"));
		assertThatExceptionOfType(InvalidReportException.class)
			.isThrownBy(() -> PlaceQuery.parse(null, "NaN", "95", "mars"))
			.satisfies((ex) -> assertThat(ex.errors()).extracting(FieldError::field)
				.containsExactlyInAnyOrder("lon", "lat", "crs"));
		assertThatExceptionOfType(InvalidReportException.class)
			.isThrownBy(() -> PlaceQuery.parse("路".repeat(201), "116.4", null, null))
			.satisfies((ex) -> assertThat(ex.errors()).extracting(FieldError::field)
				.containsExactlyInAnyOrder("address", "lat"));
	}

}
