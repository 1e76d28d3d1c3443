package org.gridintake.adapters.postgres;

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

}
