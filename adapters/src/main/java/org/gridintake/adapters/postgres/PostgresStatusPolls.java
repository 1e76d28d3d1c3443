package org.gridintake.adapters.postgres;

import java.time.Duration;
import java.util.List;

import org.gridintake.routes.casedraft.CaseStatus;
import org.gridintake.routes.status.StatusPollQueue;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Open cases of a polled platform, claimed by moving {@code next_poll_at} on; a case a
 * status change holds locked is skipped, not waited for.
 */
class PostgresStatusPolls implements StatusPollQueue {

	private final JdbcClient jdbc;

	PostgresStatusPolls(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public List<PollTask> claimDue(String platformId, int max, Duration interval) {
		return this.jdbc
			.sql("""
					update report_case set next_poll_at = now() + make_interval(secs => ?)
					where id in (select id from report_case
					             where route_platform_id = ?
					               and status in ('FORWARDED', 'ACCEPTED', 'DISPATCHED', 'IN_PROGRESS', 'RESOLVED', 'REOPENED')
					               and (next_poll_at is null or next_poll_at <= now())
					             order by next_poll_at nulls first limit ? for update skip locked)
					returning case_number, route_platform_id, platform_case_id, status""")
			.params(interval.toMillis() / 1000.0, platformId, max)
			.query((rs, rowNum) -> new PollTask(rs.getString("case_number"), rs.getString("route_platform_id"),
					rs.getString("platform_case_id"), CaseStatus.valueOf(rs.getString("status"))))
			.list();
	}

}
