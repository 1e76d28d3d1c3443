package org.gridintake.adapters.postgres;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.gridintake.routes.casedraft.Mobile;
import org.gridintake.routes.notify.OutboundSms;
import org.gridintake.routes.notify.OutboxCounts;
import org.gridintake.routes.notify.SmsQueue;
import org.gridintake.routes.notify.SmsTask;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

class PostgresSmsQueue implements SmsQueue {

	private final JdbcClient jdbc;

	private final TransactionTemplate tx;

	PostgresSmsQueue(JdbcClient jdbc, TransactionTemplate tx) {
		this.jdbc = jdbc;
		this.tx = tx;
	}

	@Override
	public List<SmsTask> claimDue(int max, Duration lease) {
		return this.tx.execute((status) -> this.jdbc.sql("""
				update sms_outbox set next_attempt_at = now() + make_interval(secs => ?)
				where id in (select id from sms_outbox
				             where state = 'PENDING' and next_attempt_at <= now()
				             order by next_attempt_at limit ? for update skip locked)
				returning id, mobile, body, failed_attempts""")
			.params(lease.toMillis() / 1000.0, max)
			.query((rs, rowNum) -> new SmsTask(rs.getLong("id"),
					new OutboundSms("sms-" + rs.getLong("id"), new Mobile(rs.getString("mobile")),
							rs.getString("body")),
					rs.getInt("failed_attempts")))
			.list());
	}

	@Override
	public void sent(SmsTask task, List<String> messageIds, Instant at) {
		this.jdbc
			.sql("update sms_outbox set state = 'SENT', sent_at = ?, message_ids = ?, last_error = null where id = ?")
			.params(Timestamp.from(at), messageIds.toArray(String[]::new), task.id())
			.update();
	}

	@Override
	public void retryLater(SmsTask task, String reason, Instant nextAttemptAt) {
		this.jdbc.sql("""
				update sms_outbox set failed_attempts = failed_attempts + 1, last_error = ?, next_attempt_at = ?
				where id = ? and state = 'PENDING'""")
			.params(reason, Timestamp.from(nextAttemptAt), task.id())
			.update();
	}

	@Override
	public void failed(SmsTask task, String reason) {
		this.jdbc.sql("""
				update sms_outbox set state = 'DEAD', failed_attempts = failed_attempts + 1, last_error = ?
				where id = ? and state = 'PENDING'""").params(reason, task.id()).update();
	}

	@Override
	public int replayDeadLetters() {
		return this.jdbc.sql("""
				update sms_outbox set state = 'PENDING', failed_attempts = 0, next_attempt_at = now()
				where state = 'DEAD'""").update();
	}

	@Override
	public OutboxCounts counts() {
		return OutboxSql.counts(this.jdbc, "sms_outbox");
	}

}
