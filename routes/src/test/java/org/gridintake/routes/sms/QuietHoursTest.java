package org.gridintake.routes.sms;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class QuietHoursTest {

	private final QuietHours nights = new QuietHours(LocalTime.of(22, 0), LocalTime.of(8, 0),
			ZoneId.of("Asia/Shanghai"));

	@Test
	void daytimeTextsGoAtOnce() {
		Instant noon = Instant.parse("2026-07-01T04:00:00Z");
		assertThat(this.nights.nextAllowed(noon)).isEqualTo(noon);
		Instant justBefore = Instant.parse("2026-07-01T13:59:59Z");
		assertThat(this.nights.nextAllowed(justBefore)).isEqualTo(justBefore);
	}

	@Test
	void eveningAndEarlyMorningTextsWaitForEightOClock() {
		Instant eight = Instant.parse("2026-07-02T00:00:00Z");
		assertThat(this.nights.nextAllowed(Instant.parse("2026-07-01T14:00:00Z"))).isEqualTo(eight);
		assertThat(this.nights.nextAllowed(Instant.parse("2026-07-01T18:30:00Z"))).isEqualTo(eight);
		assertThat(this.nights.nextAllowed(Instant.parse("2026-07-01T23:59:00Z"))).isEqualTo(eight);
		assertThat(this.nights.nextAllowed(eight)).isEqualTo(eight);
	}

	@Test
	void noQuietHoursWhenStartEqualsEnd() {
		QuietHours none = new QuietHours(LocalTime.MIDNIGHT, LocalTime.MIDNIGHT, ZoneId.of("Asia/Shanghai"));
		Instant night = Instant.parse("2026-07-01T18:30:00Z");
		assertThat(none.nextAllowed(night)).isEqualTo(night);
	}

}
