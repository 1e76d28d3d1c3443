package org.gridintake.routes.intake;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CaseNumberingTest {

	private final CaseNumbering numbering = new CaseNumbering(Map.of("110199", "QH", "110188", "XC"), "110199",
			ZoneId.of("Asia/Shanghai"));

	@Test
	void theDistrictAndTheLocalDateOfReceiptAreInTheNumber() {
		// 23:30 UTC is already the next morning in Beijing
		assertThat(this.numbering.number("110188", Instant.parse("2026-06-30T23:30:00Z"), 42).value())
			.isEqualTo("XC20260701-000042");
	}

	@Test
	void unlocatedAndUnknownDistrictsAreNumberedForTheServiceDistrict() {
		assertThat(this.numbering.number(null, Instant.parse("2026-07-01T04:00:00Z"), 7).value())
			.isEqualTo("QH20260701-000007");
		assertThat(this.numbering.number("999999", Instant.parse("2026-07-01T04:00:00Z"), 8).value()).startsWith("QH");
	}

}
