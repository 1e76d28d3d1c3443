package org.gridintake.adapters.postgres;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.gridintake.routes.casedraft.CaseStore.CaseRecord;
import org.gridintake.routes.casedraft.CaseStatus;
import org.gridintake.routes.casedraft.StatusEvent;
import org.gridintake.routes.forward.ForwardKind;
import org.gridintake.routes.forward.ForwardQueue;
import org.gridintake.routes.forward.ForwardTask;
import org.gridintake.routes.notify.OutboxCounts;
import org.gridintake.routes.sla.Deadlines;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

class PostgresForwardQueue implements ForwardQueue {

	/**
	 * Leases due forwards. An update waits until its platform has the case; that check
	 * reads only the open forwards (forward_outbox_open_case_idx), however many were made
	 * before.
	 */
	static final String CLAIM_DUE = """
			update forward_outbox set next_attempt_at = now() + make_interval(secs => ?),
			       claimed_until = now() + make_interval(secs => ?)
			where id in (select id from forward_outbox o
			             where state = 'PENDING' and next_attempt_at <= now()
			               -- an update waits until its platform has the case
			               and (kind = 'CASE' or not exists (select 1 from forward_outbox c
			                    where c.case_id = o.case_id and c.platform_id = o.platform_id
			                      and c.kind = 'CASE' and c.state <> 'DONE'))
			             order by next_attempt_at limit ? for update skip locked)
			returning id, case_id, platform_id, idempotency_key, failed_attempts, kind""";

	private final JdbcClient jdbc;

	private final TransactionTemplate tx;

	private final PostgresCaseStore cases;

	PostgresForwardQueue(JdbcClient jdbc, TransactionTemplate tx, PostgresCaseStore cases) {
		this.jdbc = jdbc;
		this.tx = tx;
		this.cases = cases;
	}

	private record Claimed(long id, UUID caseId, String platformId, String idempotencyKey, int failedAttempts,
			ForwardKind kind) {
	}

	@Override
	public List<ForwardTask> claimDue(int max, Duration lease) {
		List<Claimed> claimed = this.tx.execute((status) -> this.jdbc.sql(CLAIM_DUE)
			.params(lease.toMillis() / 1000.0, lease.toMillis() / 1000.0, max)
			.query((rs, rowNum) -> new Claimed(rs.getLong("id"), rs.getObject("case_id", UUID.class),
					rs.getString("platform_id"), rs.getString("idempotency_key"), rs.getInt("failed_attempts"),
					ForwardKind.valueOf(rs.getString("kind"))))
			.list());
		if (claimed.isEmpty()) {
			return List.of();
		}
		// the whole batch's cases and histories in three queries, not three per item
		String[] caseIds = claimed.stream().map((item) -> item.caseId().toString()).distinct().toArray(String[]::new);
		Map<UUID, CaseRecord> records = new HashMap<>();
		this.cases
			.withHistories(this.jdbc
				.sql("select " + CaseRows.CASE_COLUMNS + " from report_case where id = any(cast(? as uuid[]))")
				.param(caseIds)
				.query(CaseRows::draft)
				.list())
			.forEach((caseRecord) -> records.put(caseRecord.draft().id(), caseRecord));
		List<ForwardTask> tasks = new ArrayList<>(claimed.size());
		for (Claimed item : claimed) {
			CaseRecord caseRecord = records.get(item.caseId());
			if (caseRecord != null) {
				tasks.add(new ForwardTask(item.id(), item.platformId(), item.idempotencyKey(), item.failedAttempts(),
						caseRecord, item.kind()));
			}
		}
		return tasks;
	}

	@Override
	public void delivered(ForwardTask task, String platformCaseId, Instant at, Deadlines deadlines) {
		this.tx.executeWithoutResult((status) -> {
			int updated = this.jdbc.sql(
					"update forward_outbox set state = 'DONE', done_at = ?, last_error = null, claimed_until = null where id = ? and state = 'PENDING'")
				.params(Timestamp.from(at), task.id())
				.update();
			if (updated == 0 || task.kind() != ForwardKind.CASE) {
				return;
			}
			UUID caseId = task.caseRecord().draft().id();
			// A platform may call back (say DISPATCHED) before this is recorded: never
			// move a case backwards. A case sent back (回退) is forwarded again once the
			// next platform has it. The deadlines are that platform's, and only while it
			// holds the case: a late delivery to a platform the case has since left sets
			// nothing.
			this.jdbc
				.sql("""
						update report_case set platform_case_id = coalesce(:platformCaseId, platform_case_id),
						       status = case when status in ('RECEIVED', 'LOCATED', 'UNLOCATED', 'RETURNED') then 'FORWARDED'
						                     else status end,
						       accept_due_at = case when route_platform_id = :platform and cast(:acceptDue as timestamptz) is not null
						                            then cast(:acceptDue as timestamptz) else accept_due_at end,
						       resolve_due_at = case when route_platform_id = :platform and cast(:resolveDue as timestamptz) is not null
						                             then cast(:resolveDue as timestamptz) else resolve_due_at end,
						       resolve_overdue_at = case when route_platform_id = :platform and cast(:resolveDue as timestamptz) is not null
						                                 then null else resolve_overdue_at end,
						       updated_at = now()
						where id = :id""")
				.param("platformCaseId", platformCaseId)
				.param("platform", task.platformId())
				.param("acceptDue", (deadlines != null) ? utc(deadlines.acceptDue()) : null,
						java.sql.Types.TIMESTAMP_WITH_TIMEZONE)
				.param("resolveDue", (deadlines != null) ? utc(deadlines.resolveDue()) : null,
						java.sql.Types.TIMESTAMP_WITH_TIMEZONE)
				.param("id", caseId)
				.update();
			this.cases.insertEvent(caseId, new StatusEvent(CaseStatus.FORWARDED, at, StatusEvent.GATEWAY,
					"forwarded to " + task.platformId() + ((platformCaseId != null) ? " as " + platformCaseId : "")));
		});
	}

	private static java.time.OffsetDateTime utc(Instant instant) {
		return java.time.OffsetDateTime.ofInstant(instant, java.time.ZoneOffset.UTC);
	}

	// Each way an attempt ends gives up the claim in the same statement, so an amendment
	// waiting for it may go ahead.

	@Override
	public void retryLater(ForwardTask task, String error, Instant nextAttemptAt) {
		this.jdbc.sql("""
				update forward_outbox set failed_attempts = failed_attempts + 1, last_error = ?, next_attempt_at = ?,
				       claimed_until = null
				where id = ? and state = 'PENDING'""").params(error, Timestamp.from(nextAttemptAt), task.id()).update();
	}

	@Override
	public void postpone(ForwardTask task, String reason, Instant nextAttemptAt) {
		this.jdbc.sql("""
				update forward_outbox set last_error = ?, next_attempt_at = ?, claimed_until = null
				where id = ? and state = 'PENDING'""")
			.params(reason, Timestamp.from(nextAttemptAt), task.id())
			.update();
	}

	@Override
	public void deadLetter(ForwardTask task, String error) {
		this.jdbc.sql("""
				update forward_outbox set state = 'DEAD', failed_attempts = failed_attempts + 1, last_error = ?,
				       claimed_until = null
				where id = ? and state = 'PENDING'""").params(error, task.id()).update();
	}

	@Override
	public int replayDeadLetters() {
		return OutboxSql.replayDead(this.jdbc, "forward_outbox");
	}

	@Override
	public OutboxCounts counts() {
		return OutboxSql.counts(this.jdbc, "forward_outbox");
	}

}
