package org.gridintake.gateway.web;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.gridintake.routes.casedraft.CaseNumber;
import org.gridintake.routes.intake.IntakeResult;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** How an HTTP channel answers when every intake worker is busy. */
class IntakeAnswersTest {

	private final IntakeWorkers workers = new IntakeWorkers(1, 2);

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private final IntakeAnswers answers = new IntakeAnswers(this.workers, this.meters, "portal", "mobile");

	@AfterEach
	void stopWorkers() {
		this.workers.close();
	}

	private double overloaded() {
		return this.meters.counter("gateway.intake", "channel", "portal", "outcome", "overloaded").count();
	}

	@Test
	void reportsBeyondTheQueueAreRefusedWith503AndRetryAfterWhileTheQueuedOnesAreFiled() throws Exception {
		CountDownLatch databaseSlow = new CountDownLatch(1);
		List<CaseNumber> filed = java.util.Collections.synchronizedList(new ArrayList<>());
		List<reactor.core.publisher.Mono<ResponseEntity<Object>>> answered = new ArrayList<>();
		for (int i = 1; i <= 6; i++) {
			CaseNumber number = new CaseNumber("QH20260701-%06d".formatted(i));
			answered.add(this.answers.submit(() -> {
				databaseSlow.await(10, TimeUnit.SECONDS);
				filed.add(number);
				return new IntakeResult.Accepted(number, true, null);
			}).cache());
		}
		// at most one report on the worker and two waiting: the others are refused at
		// once
		answered.forEach((answer) -> answer.subscribe());
		await().atMost(Duration.ofSeconds(5)).until(() -> overloaded() >= 3);
		databaseSlow.countDown();
		List<ResponseEntity<Object>> all = answered.stream()
			.map((answer) -> answer.block(Duration.ofSeconds(5)))
			.toList();
		List<ResponseEntity<Object>> refused = all.stream()
			.filter((answer) -> answer.getStatusCode().value() == 503)
			.toList();
		assertThat(refused).hasSize((int) overloaded()).allSatisfy((answer) -> {
			assertThat(answer.getHeaders().getFirst("Retry-After")).isNotBlank();
			assertThat(answer.getBody()).asString().contains("nothing was kept");
		});
		assertThat(all).filteredOn((answer) -> answer.getStatusCode().value() == 202)
			.as("every other report is answered 202 and filed")
			.hasSize(6 - refused.size())
			.hasSize(filed.size());
	}

}
