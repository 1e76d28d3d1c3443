package org.gridintake.gateway.replay;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class PacingTest {

	private static final OffsetDateTime FIRST = OffsetDateTime.parse("2026-07-01T07:55:00+08:00");

	@Test
	void theOriginalPaceKeepsTheGapsBetweenReceivedAt() {
		assertThat(Pacing.ORIGINAL.offset(FIRST, FIRST)).isZero();
		assertThat(Pacing.ORIGINAL.offset(FIRST, OffsetDateTime.parse("2026-07-01T09:35:00+08:00")))
			.isEqualTo(Duration.ofMinutes(100));
		// the same instant written in another offset is no gap at all
		assertThat(Pacing.ORIGINAL.offset(FIRST, OffsetDateTime.parse("2026-06-30T23:55:00Z"))).isZero();
	}

	@Test
	void aSpeedDividesTheGaps() {
		Pacing sixty = new Pacing(60);
		assertThat(sixty.offset(FIRST, FIRST.plusMinutes(100))).isEqualTo(Duration.ofSeconds(100));
		assertThat(new Pacing(2.5).offset(FIRST, FIRST.plusSeconds(10))).isEqualTo(Duration.ofSeconds(4));
		// three months of reports at 10,000 times speed take under 13 minutes
		assertThat(new Pacing(10_000).offset(FIRST, OffsetDateTime.parse("2026-09-26T08:17:00+08:00")))
			.isBetween(Duration.ofMinutes(12), Duration.ofMinutes(13));
	}

	@Test
	void fastSendsEverythingAtOnce() {
		assertThat(Pacing.FAST.offset(FIRST, FIRST.plusDays(80))).isZero();
		assertThat(Pacing.FAST.describe()).isEqualTo("fast");
	}

	@Test
	void anInputOutOfOrderIsNeverDueBeforeTheStart() {
		assertThat(Pacing.ORIGINAL.offset(FIRST, FIRST.minusMinutes(5))).isZero();
	}

	@Test
	void theOptionsChooseOnePace() {
		Map<String, String> env = Map.of();
		assertThat(ReplayOptions.parse(new String[] { "--input", "r.jsonl" }, env).pacing()).isEqualTo(Pacing.ORIGINAL);
		assertThat(ReplayOptions.parse(new String[] { "--input", "r.jsonl", "--speed", "60" }, env).pacing())
			.isEqualTo(new Pacing(60));
		ReplayOptions fast = ReplayOptions.parse(new String[] { "--input=r.jsonl", "--fast", "--concurrency=16" }, env);
		assertThat(fast.pacing().fast()).isTrue();
		assertThat(fast.concurrency()).isEqualTo(16);
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ReplayOptions.parse(new String[] { "--input", "r.jsonl", "--fast", "--speed", "2" }, env))
			.withMessageContaining("choose one of");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ReplayOptions.parse(new String[] { "--speed", "0", "--smsc-port", "x" }, env))
			.withMessageContaining("--input is required")
			.withMessageContaining("--speed must be a positive number")
			.withMessageContaining("--smsc-port must be a whole number");
	}

	@Test
	void keysComeFromTheOptionsOrTheGatewaysOwnEnvironmentVariables() {
		ReplayOptions options = ReplayOptions
			.parse(new String[] { "--input", "r.jsonl", "--key-portal", "from-option" }, Map.of("GATEWAY_KEYS_PORTAL",
					"from-env", "GATEWAY_KEYS_FIELD_APP", "field-env", "GATEWAY_ADMIN_TOKEN", "admin-env"));
		assertThat(options.keys()).containsEntry("portal", "from-option")
			.containsEntry("field-app", "field-env")
			.doesNotContainKey("call-centre");
		assertThat(options.adminToken()).isEqualTo("admin-env");
	}

}
