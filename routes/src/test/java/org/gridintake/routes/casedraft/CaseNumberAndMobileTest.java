package org.gridintake.routes.casedraft;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class CaseNumberAndMobileTest {

	@Test
	void caseNumbersCarryDistrictDateAndSerial() {
		assertThat(CaseNumber.of("QH", LocalDate.of(2026, 7, 1), 123).value()).isEqualTo("QH20260701-000123");
		assertThat(CaseNumber.of("QH", LocalDate.of(2026, 7, 1), 1234567).value()).isEqualTo("QH20260701-1234567");
	}

	@Test
	void caseNumbersAreReadAsResidentsTypeThem() {
		assertThat(CaseNumber.parse(" qh20260701－000123 ")).map(CaseNumber::value).contains("QH20260701-000123");
		assertThat(CaseNumber.parse("20260701-000123")).isEmpty();
		assertThat(CaseNumber.parse(null)).isEmpty();
	}

	@Test
	void mobilesAcceptCountryPrefixesAndSeparators() {
		assertThat(Mobile.parse("+86 138-0013-8000")).map(Mobile::digits).contains("13800138000");
		assertThat(Mobile.parse("008613800138000")).map(Mobile::digits).contains("13800138000");
		assertThat(Mobile.parse("8613800138000")).map(Mobile::digits).contains("13800138000");
		assertThat(Mobile.parse("12345")).isEmpty();
		assertThat(Mobile.parse("23800138000")).isEmpty();
	}

	@Test
	void aMobileNeverPrintsInFull() {
		Mobile mobile = new Mobile("13800138000");
		assertThat(mobile.toString()).isEqualTo("138****8000");
		assertThat("reporter " + mobile).doesNotContain("13800138000");
		assertThatIllegalArgumentException().isThrownBy(() -> new Mobile("1380013800"));
	}

}
