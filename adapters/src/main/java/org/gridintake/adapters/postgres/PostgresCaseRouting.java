package org.gridintake.adapters.postgres;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

import org.gridintake.routes.casedraft.CaseDraft;
import org.gridintake.routes.casedraft.CaseNumber;
import org.gridintake.routes.casedraft.StatusEvent;
import org.gridintake.routes.routing.CaseRoutingStore;
import org.gridintake.routes.routing.Reroute;
import org.gridintake.routes.routing.RouteDecision;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

class PostgresCaseRouting implements CaseRoutingStore {

	private final JdbcClient jdbc;

	private final TransactionTemplate tx;

	private final PostgresCaseStore cases;

	PostgresCaseRouting(JdbcClient jdbc, TransactionTemplate tx, PostgresCaseStore cases) {
		this.jdbc = jdbc;
		this.tx = tx;
		this.cases = cases;
	}

	@Override
	public int escalateOverdue(Instant now, int max, Rerouting decider) {
		Integer escalated = this.tx.execute((status) -> {
			// skip locked: another instance escalating at the same moment takes other
			// cases
			List<CaseDraft> overdue = this.jdbc.sql("select " + CaseRows.CASE_COLUMNS + """
					 from report_case
					where status = 'FORWARDED' and accept_due_at <= ? and master_case_id is null
					  and route_platform_id is not null
					order by accept_due_at limit ? for update skip locked""")
				.params(Timestamp.from(now), max)
				.query(CaseRows::draft)
				.list();
			int moved = 0;
			for (CaseDraft current : overdue) {
				Optional<Reroute> reroute = decider.decide(current, tried(current));
				if (reroute.isPresent() && apply(current, reroute.get(), now, null, null)) {
					moved++;
				}
				else {
					// nowhere left to escalate to: not looked at again until a platform
					// takes it
					this.jdbc.sql("update report_case set accept_due_at = null where id = ?")
						.param(current.id())
						.update();
				}
			}
			return moved;
		});
		return (escalated != null) ? escalated : 0;
	}

	@Override
	public boolean rerouteAway(CaseNumber caseNumber, String fromPlatform, Long refusedForwardId, String refusal,
			Rerouting decider) {
		return Boolean.TRUE.equals(this.tx.execute((status) -> {
			// the forward first, then the case: the order a delivery and an amendment
			// lock them in
			if (refusedForwardId != null) {
				this.jdbc.sql("select id from forward_outbox where id = ? for update")
					.param(refusedForwardId)
					.query(Long.class)
					.optional();
			}
			Optional<CaseDraft> held = this.jdbc.sql("select " + CaseRows.CASE_COLUMNS + """
					 from report_case
					where case_number = ? and route_platform_id = ? and master_case_id is null
					  and (? or status = 'RETURNED')
					for update""")
				.params(caseNumber.value(), fromPlatform, refusedForwardId != null)
				.query(CaseRows::draft)
				.optional();
			if (held.isEmpty()) {
				return false;
			}
			Optional<Reroute> reroute = decider.decide(held.get(), tried(held.get()));
			if (reroute.isEmpty()) {
				return false;
			}
			Instant now = Instant.now();
			if (reroute.get().route() == null && refusedForwardId != null) {
				// no platform left, and the last one refused: the forward stays for the
				// caller to dead-letter, where operators see it and can replay it
				this.cases.insertEvent(held.get().id(),
						new StatusEvent(held.get().status(), now, StatusEvent.GATEWAY, reroute.get().note()));
				return false;
			}
			apply(held.get(), reroute.get(), now, refusedForwardId, refusal);
			return true;
		}));
	}

	@Override
	public int remindOverdue(Instant now, int max, Function<CaseDraft, String> note) {
		Integer reminded = this.tx.execute((status) -> {
			List<CaseDraft> overdue = this.jdbc.sql("select " + CaseRows.CASE_COLUMNS + """
					 from report_case
					where status in ('ACCEPTED', 'DISPATCHED', 'IN_PROGRESS') and resolve_due_at <= ?
					  and resolve_overdue_at is null and route_platform_id is not null and master_case_id is null
					order by resolve_due_at limit ? for update skip locked""")
				.params(Timestamp.from(now), max)
				.query(CaseRows::draft)
				.list();
			for (CaseDraft current : overdue) {
				this.jdbc.sql("update report_case set resolve_overdue_at = ?, updated_at = now() where id = ?")
					.params(Timestamp.from(now), current.id())
					.update();
				String platform = current.route().platformId();
				this.jdbc
					.sql("""
							insert into forward_outbox (case_id, platform_id, idempotency_key, kind)
							select id, ?, case_number || '/' || ? || '/reminder-' || extract(epoch from resolve_due_at)::bigint,
							       'REMINDER'
							from report_case where id = ?
							on conflict (idempotency_key) do nothing""")
					.params(platform, platform, current.id())
					.update();
				this.cases.insertEvent(current.id(),
						new StatusEvent(current.status(), now, StatusEvent.GATEWAY, note.apply(current)));
			}
			return overdue.size();
		});
		return (reminded != null) ? reminded : 0;
	}

	/** Every platform the case has been sent to, the one holding it included. */
	private List<String> tried(CaseDraft current) {
		List<String> tried = new ArrayList<>(this.jdbc
			.sql("select platform_id from case_routing where case_id = ? group by platform_id order by min(id)")
			.param(current.id())
			.query(String.class)
			.list());
		if (!tried.contains(current.route().platformId())) {
			tried.add(current.route().platformId());
		}
		return tried;
	}

	/**
	 * The case's new route, its routing history, its history and its outbox rows, all in
	 * the caller's transaction. False when no route is left (only the history changes).
	 */
	private boolean apply(CaseDraft current, Reroute reroute, Instant at, Long refusedForwardId, String refusal) {
		RouteDecision route = reroute.route();
		String number = current.caseNumber().value();
		if (refusedForwardId != null) {
			// not a dead letter: replaying it would send the case back to a platform that
			// said it is not theirs
			this.jdbc.sql("""
					update forward_outbox set state = 'DONE', done_at = ?, failed_attempts = failed_attempts + 1,
					       last_error = ?, claimed_until = null
					where id = ? and state = 'PENDING'""")
				.params(Timestamp.from(at),
						"refused: " + refusal + ((route != null) ? "; routed on to " + route.platformId() : ""),
						refusedForwardId)
				.update();
		}
		this.cases.insertEvent(current.id(),
				new StatusEvent(current.status(), at, StatusEvent.GATEWAY, reroute.note()));
		if (route == null) {
			return false;
		}
		this.jdbc.sql("""
				update report_case set route_platform_id = ?, route_level = ?, route_area_code = ?, route_rule = ?,
				       route_triage = ?, platform_case_id = null, accept_due_at = null, resolve_due_at = null,
				       resolve_overdue_at = null, updated_at = now()
				where id = ?""")
			.params(route.platformId(), route.level().code(), route.areaCode(), route.rule(), route.triage(),
					current.id())
			.update();
		this.cases.insertRouting(current.id(), route, reroute.reason(), at);
		int routings = this.jdbc.sql("select count(*) from case_routing where case_id = ?")
			.param(current.id())
			.query(Integer.class)
			.single();
		String step = reroute.reason().name().toLowerCase(Locale.ROOT) + "-" + routings;
		this.jdbc.sql("""
				insert into forward_outbox (case_id, platform_id, idempotency_key, kind) values (?, ?, ?, 'CASE')
				on conflict (idempotency_key) do nothing""")
			.params(current.id(), route.platformId(), number + "/" + route.platformId() + "/" + step)
			.update();
		if (reroute.withdrawFrom() != null && !reroute.withdrawFrom().equals(route.platformId())) {
			this.jdbc
				.sql("""
						insert into forward_outbox (case_id, platform_id, idempotency_key, kind) values (?, ?, ?, 'WITHDRAW')
						on conflict (idempotency_key) do nothing""")
				.params(current.id(), reroute.withdrawFrom(),
						number + "/" + reroute.withdrawFrom() + "/withdrawal-" + routings)
				.update();
		}
		return true;
	}

}
