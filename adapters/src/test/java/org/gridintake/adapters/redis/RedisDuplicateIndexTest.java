package org.gridintake.adapters.redis;

import java.time.Duration;
import java.util.UUID;

import io.lettuce.core.RedisClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.gridintake.adapters.testing.TestServers;
import org.gridintake.routes.casedraft.CaseNumber;
import org.gridintake.routes.casedraft.Channel;
import org.gridintake.routes.casedraft.ChannelRef;
import org.gridintake.routes.dedup.DuplicateIndex;
import org.gridintake.routes.dedup.DuplicateIndexUnavailableException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The duplicate index against a real Redis, including Redis going away and coming back.
 */
class RedisDuplicateIndexTest {

	private static RedisClient client;

	private static DuplicateIndex index;

	@BeforeAll
	static void connect() {
		client = RedisAdapters.client(TestServers.redis().uri(), Duration.ofMillis(500));
		index = RedisAdapters.duplicateIndex(client);
	}

	@AfterAll
	static void close() {
		client.shutdown();
	}

	@Test
	void aRememberedReferenceNamesItsCaseUntilItsTimeIsUp() {
		ChannelRef ref = new ChannelRef("msg-" + UUID.randomUUID(), ChannelRef.Kind.CHANNEL);
		CaseNumber caseNumber = new CaseNumber("QH20260701-000001");
		assertThat(index.find(Channel.SMS, ref)).isEmpty();
		index.remember(Channel.SMS, ref, caseNumber, Duration.ofMillis(400));
		assertThat(index.find(Channel.SMS, ref)).contains(caseNumber);
		// the same reference on another channel is another message
		assertThat(index.find(Channel.PORTAL, ref)).isEmpty();
		await().atMost(Duration.ofSeconds(5)).until(() -> index.find(Channel.SMS, ref).isEmpty());
	}

	@Test
	void whileRedisIsDownTheIndexSaysSoAtOnceAndRecoversByItself() {
		ChannelRef ref = new ChannelRef("msg-" + UUID.randomUUID(), ChannelRef.Kind.CHANNEL);
		index.remember(Channel.HOTLINE, ref, new CaseNumber("QH20260701-000002"), Duration.ofMinutes(5));
		TestServers.redis().stop();
		try {
			assertThatExceptionOfType(DuplicateIndexUnavailableException.class)
				.isThrownBy(() -> index.find(Channel.HOTLINE, ref));
		}
		finally {
			TestServers.redis().start();
		}
		await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> {
			index.remember(Channel.FIELD, ref, new CaseNumber("QH20260701-000003"), Duration.ofMinutes(1));
			return index.find(Channel.FIELD, ref).isPresent();
		});
	}

}
