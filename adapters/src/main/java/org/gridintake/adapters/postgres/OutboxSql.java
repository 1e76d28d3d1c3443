package org.gridintake.adapters.postgres;

import java.sql.Timestamp;
import java.time.Instant;

import org.gridintake.routes.notify.OutboxCounts;
import org.springframework.jdbc.core.simple.JdbcClient;

/** What the two outbox tables have in common. */
final class OutboxSql {

	private OutboxSql() {
	}

	static OutboxCounts counts(JdbcClient jdbc, String table) {
		return jdbc
			.sql("select count(*) filter (where state = 'PENDING') as pending, "
					+ "count(*) filter (where state = 'DEAD') as dead from " + table)
			.query((rs, rowNum) -> new OutboxCounts(rs.getLong("pending"), rs.getLong("dead")))
			.single();
	}

	/** A failed attempt: counted, and the item waits until {@code nextAttemptAt}. */
	static void retryLater(JdbcClient jdbc, String table, long id, String error, Instant nextAttemptAt) {
		jdbc.sql("update " + table + " set failed_attempts = failed_attempts + 1, last_error = ?, next_attempt_at = ? "
				+ "where id = ? and state = 'PENDING'")
			.params(error, Timestamp.from(nextAttemptAt), id)
			.update();
	}

	/** Given up on until an operator replays it. */
	static void deadLetter(JdbcClient jdbc, String table, long id, String error) {
		jdbc.sql("update " + table + " set state = 'DEAD', failed_attempts = failed_attempts + 1, last_error = ? "
				+ "where id = ? and state = 'PENDING'")
			.params(error, id)
			.update();
	}

	/** Every dead item back in the queue, due now, with its attempts reset. */
	static int replayDead(JdbcClient jdbc, String table) {
		return jdbc
			.sql("update " + table + " set state = 'PENDING', failed_attempts = 0, next_attempt_at = now() "
					+ "where state = 'DEAD'")
			.update();
	}

}
