package org.gridintake.routes.forward;

import java.time.Duration;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class RetryPolicyTest {

	private final RetryPolicy policy = new RetryPolicy(5, Duration.ofSeconds(2), Duration.ofMinutes(1));

	@RepeatedTest(20)
	void waitsGrowExponentiallyWithJitterUpToTheCap() {
		assertThat(this.policy.delayAfter(1)).isBetween(Duration.ofMillis(1500), Duration.ofMillis(2500));
		assertThat(this.policy.delayAfter(3)).isBetween(Duration.ofMillis(6000), Duration.ofMillis(10000));
		assertThat(this.policy.delayAfter(30)).isBetween(Duration.ofSeconds(45), Duration.ofSeconds(75));
	}

	@Test
	void givesUpAfterTheLastAttempt() {
		assertThat(this.policy.retryAfter(4)).isTrue();
		assertThat(this.policy.retryAfter(5)).isFalse();
	}

	@Test
	void nonsenseIsRefused() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new RetryPolicy(0, Duration.ofSeconds(1), Duration.ofSeconds(2)));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new RetryPolicy(3, Duration.ofSeconds(5), Duration.ofSeconds(2)));
	}

}
