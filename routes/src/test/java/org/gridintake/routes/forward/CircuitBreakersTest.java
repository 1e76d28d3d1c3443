package org.gridintake.routes.forward;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CircuitBreakersTest {

	private Instant now = Instant.parse("2026-07-01T00:00:00Z");

	private final Clock clock = new Clock() {

		@Override
		public Instant instant() {
			return CircuitBreakersTest.this.now;
		}

		@Override
		public ZoneOffset getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(java.time.ZoneId zone) {
			return this;
		}

	};

	private final CircuitBreakers breakers = new CircuitBreakers(3, Duration.ofSeconds(30), this.clock);

	@Test
	void aPlatformThatKeepsFailingIsLeftAloneWhileTheOthersGoOn() {
		for (int i = 0; i < 3; i++) {
			assertThat(this.breakers.blockedUntil("streets")).isEmpty();
			this.breakers.failed("streets");
		}
		assertThat(this.breakers.blockedUntil("streets")).contains(this.now.plusSeconds(30));
		assertThat(this.breakers.blockedUntil("communities")).isEmpty();
	}

	@Test
	void afterTheWaitOneCaseIsTriedAndItsOutcomeDecides() {
		for (int i = 0; i < 3; i++) {
			this.breakers.failed("streets");
		}
		this.now = this.now.plusSeconds(31);
		assertThat(this.breakers.blockedUntil("streets")).as("the trial").isEmpty();
		assertThat(this.breakers.blockedUntil("streets")).as("others wait for the trial").isPresent();
		this.breakers.failed("streets");
		assertThat(this.breakers.blockedUntil("streets")).contains(this.now.plusSeconds(30));

		this.now = this.now.plusSeconds(31);
		assertThat(this.breakers.blockedUntil("streets")).isEmpty();
		this.breakers.succeeded("streets");
		assertThat(this.breakers.blockedUntil("streets")).isEmpty();
		assertThat(this.breakers.blockedUntil("streets")).isEmpty();
	}

	@Test
	void aSuccessResetsTheCount() {
		this.breakers.failed("streets");
		this.breakers.failed("streets");
		this.breakers.succeeded("streets");
		this.breakers.failed("streets");
		this.breakers.failed("streets");
		assertThat(this.breakers.blockedUntil("streets")).isEmpty();
	}

}
