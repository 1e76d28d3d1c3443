package org.gridintake.routes.figures;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;

import org.gridintake.routes.intake.FieldError;

import static org.assertj.core.api.Assertions.assertThat;

class FiguresRequestTest {

	private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

	/** Already 1 April in the city, still 31 March in UTC. */
	private static final Instant NOW = Instant.parse("2025-03-31T17:00:00Z");

	@Test
	void withoutParametersTheLastThirtyDaysOfTheCityPerPlatform() {
		FiguresQuery query = FiguresRequest.read(null, null, null, SHANGHAI, NOW).query();
		assertThat(query.from()).isEqualTo(LocalDate.parse("2025-03-03"));
		assertThat(query.to()).isEqualTo(LocalDate.parse("2025-04-01"));
		assertThat(query.by()).isEqualTo(Grouping.PLATFORM);
		assertThat(query.start()).isEqualTo(Instant.parse("2025-03-02T16:00:00Z"));
		assertThat(query.end()).isEqualTo(Instant.parse("2025-04-01T16:00:00Z"));
	}

	@Test
	void everyBadParameterIsNamed() {
		assertThat(FiguresRequest.read("2025-02-30", "31/03/2025", "grid", SHANGHAI, NOW).errors())
			.extracting(FieldError::field)
			.containsExactlyInAnyOrder("from", "to", "by");
		assertThat(FiguresRequest.read("2025-03-10", "2025-03-01", "street", SHANGHAI, NOW).errors())
			.extracting(FieldError::field)
			.containsExactly("to");
		assertThat(FiguresRequest.read("2024-01-01", "2025-01-01", null, SHANGHAI, NOW).errors())
			.extracting(FieldError::field)
			.containsExactly("from");
		assertThat(FiguresRequest.read("2024-01-01", "2024-12-31", "community", SHANGHAI, NOW).query().by())
			.isEqualTo(Grouping.COMMUNITY);
	}

}
