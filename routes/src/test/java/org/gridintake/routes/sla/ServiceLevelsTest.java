package org.gridintake.routes.sla;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import org.gridintake.routes.geo.GridLevel;

import static org.assertj.core.api.Assertions.assertThat;

class ServiceLevelsTest {

	private final ServiceLevels levels = new ServiceLevels(new ServiceLevels.Target(Duration.ofHours(2), 5),
			Map.of("1105", new ServiceLevels.Target(Duration.ofMinutes(30), 1), "1105/district",
					new ServiceLevels.Target(Duration.ofHours(1), 2)),
			EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), Set.of(LocalDate.of(2026, 10, 1)),
			ZoneId.of("Asia/Shanghai"));

	@Test
	void acceptanceIsClockTimeAndResolutionCountsWorkingDaysOnly() {
		// Friday 2026-07-03 16:00 in Beijing
		Instant friday = Instant.parse("2026-07-03T08:00:00Z");
		assertThat(this.levels.acceptDue("0101", GridLevel.COMMUNITY, friday)).isEqualTo(friday.plusSeconds(7200));
		// five working days later is the next Friday, not Wednesday
		assertThat(this.levels.resolveDue("0101", GridLevel.COMMUNITY, friday))
			.isEqualTo(Instant.parse("2026-07-10T08:00:00Z"));
	}

	@Test
	void holidaysDoNotCountAndTheMostSpecificTargetWins() {
		// Wednesday 2026-09-30; 1 October is a holiday
		Instant eve = Instant.parse("2026-09-30T02:00:00Z");
		assertThat(this.levels.resolveDue("1105", GridLevel.STREET, eve))
			.isEqualTo(Instant.parse("2026-10-02T02:00:00Z"));
		assertThat(this.levels.acceptDue("1105", GridLevel.STREET, eve)).isEqualTo(eve.plusSeconds(1800));
		assertThat(this.levels.acceptDue("1105", GridLevel.DISTRICT, eve)).isEqualTo(eve.plusSeconds(3600));
	}

}
