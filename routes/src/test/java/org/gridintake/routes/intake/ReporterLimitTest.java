package org.gridintake.routes.intake;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import org.gridintake.routes.casedraft.Channel;
import org.gridintake.routes.casedraft.ChannelRef;
import org.gridintake.routes.casedraft.Mobile;
import org.gridintake.routes.casedraft.RawMessage;
import org.gridintake.routes.casedraft.ReportOrigin;
import org.gridintake.routes.casedraft.Reporter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ReporterLimitTest {

	private static final Instant NOW = Instant.parse("2026-07-01T01:45:00Z");

	private final Map<String, Long> counts = new HashMap<>();

	private boolean counterDown;

	private final ReporterQuota quota = (mobile, windowStart, window) -> {
		if (this.counterDown) {
			throw new IllegalStateException("counter unreachable");
		}
		return this.counts.merge(mobile.digits() + "@" + windowStart, 1L, Long::sum);
	};

	private final ReporterLimit limit = new ReporterLimit(this.quota, 2, Duration.ofHours(1), Set.of(Channel.SMS),
			Clock.fixed(NOW, ZoneOffset.UTC));

	private static IntakeWork report(Channel channel, String mobile) {
		return IntakeWork.of(new InboundReport(channel, new ChannelRef("r", ChannelRef.Kind.CHANNEL), NOW,
				(mobile != null) ? new Reporter(new Mobile(mobile), true) : Reporter.anonymous(), "井盖丢了", null, null,
				null, RawMessage.utf8("text/plain", "井盖丢了"), ReportOrigin.RESIDENT));
	}

	@Test
	void theReportOverTheLimitIsRefusedUntilTheWindowEnds() {
		this.limit.admit(report(Channel.PORTAL, "13800138000"));
		this.limit.admit(report(Channel.HOTLINE, "13800138000"));
		assertThatExceptionOfType(ReportLimitExceededException.class)
			.isThrownBy(() -> this.limit.admit(report(Channel.PORTAL, "13800138000")))
			.satisfies((ex) -> assertThat(ex.retryAfter()).isEqualTo(Duration.ofMinutes(15)));
		this.limit.admit(report(Channel.PORTAL, "13900139000"));
	}

	@Test
	void smsAndReportsWithoutANumberAreNotCountedHere() {
		for (int i = 0; i < 5; i++) {
			this.limit.admit(report(Channel.SMS, "13800138000"));
			this.limit.admit(report(Channel.PORTAL, null));
		}
		assertThat(this.counts).isEmpty();
	}

	@Test
	void aCounterThatCannotBeReachedLetsResidentsThrough() {
		this.counterDown = true;
		for (int i = 0; i < 5; i++) {
			assertThat(this.limit.admit(report(Channel.PORTAL, "13800138000"))).isNotNull();
		}
	}

}
