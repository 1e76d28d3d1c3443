package org.gridintake.adapters.postgres;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.gridintake.routes.figures.CityFigures;
import org.gridintake.routes.figures.FigureRow;
import org.gridintake.routes.figures.Figures;
import org.gridintake.routes.figures.FiguresQuery;
import org.gridintake.routes.figures.Grouping;
import org.gridintake.routes.geo.GridLevel;
import org.gridintake.routes.sla.ServiceLevels;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The city's figures in one pass over the period's cases, their events, routing history
 * and ratings. Cases forwarded before deadlines were stored on the case get theirs from
 * the service levels and the time they were first forwarded.
 */
class PostgresCityFigures implements CityFigures {

	private static final String PLATFORM_PREFIX = "platform:";

	private static final ObjectMapper JSON = new ObjectMapper();

	private final JdbcClient jdbc;

	private final ServiceLevels serviceLevels;

	private final Function<String, String> platformNames;

	PostgresCityFigures(JdbcClient jdbc, ServiceLevels serviceLevels, Function<String, String> platformNames) {
		this.jdbc = jdbc;
		this.serviceLevels = serviceLevels;
		this.platformNames = platformNames;
	}

	@Override
	public Figures compute(FiguresQuery query) {
		String deadlines = computedDeadlines(query);
		List<FigureRow> rows = new ArrayList<>();
		FigureRow[] total = new FigureRow[1];
		this.jdbc.sql(figuresSql(query.by()))
			.param("start", Timestamp.from(query.start()))
			.param("end", Timestamp.from(query.end()))
			.param("now", Timestamp.from(query.now()))
			.param("deadlines", deadlines)
			.query((ResultSet rs) -> {
				FigureRow row = row(rs, query.by());
				if (rs.getBoolean("is_total")) {
					total[0] = row;
				}
				else {
					rows.add(row);
				}
			});
		FigureRow everything = (total[0] != null) ? total[0] : emptyTotal();
		return new Figures(query, rows, everything);
	}

	/**
	 * Deadlines of forwarded masters that have none stored: as the service levels set
	 * them, from the first forwarding, as JSON for the figures query.
	 */
	private String computedDeadlines(FiguresQuery query) {
		ArrayNode deadlines = JSON.createArrayNode();
		this.jdbc
			.sql("""
					select c.id, c.category_code, c.route_level, c.accept_due_at, c.resolve_due_at, min(e.at) as forwarded_at
					from report_case c
					join status_event e on e.case_id = c.id and e.status = 'FORWARDED'
					where c.received_at >= :start and c.received_at < :end and c.master_case_id is null
					  and (c.accept_due_at is null or c.resolve_due_at is null)
					group by c.id""")
			.param("start", Timestamp.from(query.start()))
			.param("end", Timestamp.from(query.end()))
			.query((ResultSet rs) -> {
				String level = rs.getString("route_level");
				GridLevel gridLevel = (level != null) ? GridLevel.fromCode(level) : null;
				String category = rs.getString("category_code");
				Instant forwardedAt = rs.getTimestamp("forwarded_at").toInstant();
				ObjectNode deadline = deadlines.addObject();
				deadline.put("id", rs.getString("id"));
				deadline.put("accept_due", this.serviceLevels.acceptDue(category, gridLevel, forwardedAt).toString());
				deadline.put("resolve_due", this.serviceLevels.resolveDue(category, gridLevel, forwardedAt).toString());
			});
		try {
			return JSON.writeValueAsString(deadlines);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private FigureRow row(ResultSet rs, Grouping by) throws SQLException {
		String key = rs.getString("group_key");
		if (key != null && key.isEmpty()) {
			key = null;
		}
		boolean isTotal = rs.getBoolean("is_total");
		String name = isTotal ? "合计" : name(by, key, rs.getString("group_name"));
		long forwarded = rs.getLong("forwarded");
		long closed = rs.getLong("closed");
		long ratings = rs.getLong("ratings");
		return new FigureRow(isTotal ? null : key, name, rs.getLong("received"), rs.getLong("located"),
				rs.getLong("merged"), forwarded, rs.getLong("accepted"), closed, ratio(closed, forwarded),
				ratio(rs.getLong("accepted_on_time"), rs.getLong("acceptance_decided")),
				ratio(rs.getLong("resolved_on_time"), rs.getLong("resolution_decided")),
				new FigureRow.Durations(minutes(rs, "accept_median_s"), minutes(rs, "accept_p90_s")),
				new FigureRow.Durations(minutes(rs, "close_median_s"), minutes(rs, "close_p90_s")),
				new FigureRow.Satisfaction(ratings, ratio(rs.getLong("satisfied"), ratings),
						rs.getLong("dissatisfied")),
				rs.getLong("returns"), rs.getLong("escalations"));
	}

	private String name(Grouping by, String key, String stored) {
		if (key == null) {
			return (by == Grouping.PLATFORM) ? "（未转办）" : "（未定位）";
		}
		if (by == Grouping.PLATFORM) {
			String name = this.platformNames.apply(key);
			return (name != null) ? name : key;
		}
		return stored;
	}

	private static FigureRow emptyTotal() {
		return new FigureRow(null, "合计", 0, 0, 0, 0, 0, 0, null, null, null, new FigureRow.Durations(null, null),
				new FigureRow.Durations(null, null), new FigureRow.Satisfaction(0, null, 0), 0, 0);
	}

	private static Double ratio(long part, long whole) {
		return (whole == 0) ? null : (double) part / whole;
	}

	private static Double minutes(ResultSet rs, String column) throws SQLException {
		double seconds = rs.getDouble(column);
		return rs.wasNull() ? null : seconds / 60.0;
	}

	private static String figuresSql(Grouping by) {
		Map<String, String> parts = new HashMap<>();
		switch (by) {
			case PLATFORM -> {
				parts.put("KEY", "coalesce(m.route_platform_id, c.route_platform_id)");
				parts.put("NAME", "null::text");
				// who gave the case back, or let its acceptance lapse, answers for it
				parts.put("RETURN_KEY", "case when e.source like '" + PLATFORM_PREFIX + "%' then substr(e.source, "
						+ (PLATFORM_PREFIX.length() + 1) + ") else p.group_key end");
				parts.put("ROUTING_KEY", "coalesce(r.previous_platform, p.group_key)");
			}
			case STREET -> {
				parts.put("KEY", "c.street_code");
				parts.put("NAME", "c.street_name");
				parts.put("RETURN_KEY", "p.group_key");
				parts.put("ROUTING_KEY", "p.group_key");
			}
			case COMMUNITY -> {
				parts.put("KEY", "c.community_code");
				parts.put("NAME", "c.community_name");
				parts.put("RETURN_KEY", "p.group_key");
				parts.put("ROUTING_KEY", "p.group_key");
			}
		}
		String sql = FIGURES_SQL;
		for (Map.Entry<String, String> part : parts.entrySet()) {
			sql = sql.replace("${" + part.getKey() + "}", part.getValue());
		}
		return sql;
	}

	private static final String FIGURES_SQL = """
			with period_case as (
			  select c.id, c.case_number, c.master_case_id is null as is_master, c.master_case_id is not null as is_duplicate,
			         c.grid_code is not null as is_located, c.status, c.accept_due_at, c.resolve_due_at,
			         coalesce(${KEY}, '') as group_key, ${NAME} as group_name
			  from report_case c
			  left join report_case m on m.id = c.master_case_id
			  where c.received_at >= :start and c.received_at < :end
			),
			computed_deadline as (
			  select * from jsonb_to_recordset(cast(:deadlines as jsonb)) as d(id uuid, accept_due timestamptz, resolve_due timestamptz)
			),
			master_event as (
			  select e.case_id,
			         min(e.at) filter (where e.status = 'FORWARDED') as forwarded_at,
			         min(e.at) filter (where e.status in ('ACCEPTED', 'DISPATCHED', 'IN_PROGRESS', 'RESOLVED', 'CLOSED')) as accepted_at,
			         max(e.at) filter (where e.status = 'CLOSED') as closed_at,
			         max(e.at) filter (where e.status in ('RESOLVED', 'CLOSED')) as resolved_at
			  from status_event e
			  join period_case p on p.id = e.case_id and p.is_master
			  group by e.case_id
			),
			master_fact as (
			  select p.id, me.forwarded_at, me.accepted_at,
			         case when p.status = 'CLOSED' then me.closed_at end as closed_at,
			         case when p.status in ('RESOLVED', 'CLOSED') then me.resolved_at end as resolved_at,
			         coalesce(p.accept_due_at, d.accept_due) as accept_due,
			         coalesce(p.resolve_due_at, d.resolve_due) as resolve_due
			  from period_case p
			  join master_event me on me.case_id = p.id and me.forwarded_at is not null
			  left join computed_deadline d on d.id = p.id
			),
			case_figures as (
			  select p.group_key, max(p.group_name) as group_name, grouping(p.group_key) = 1 as is_total,
			         count(*) as received,
			         count(*) filter (where p.is_located) as located,
			         count(*) filter (where p.is_duplicate) as merged,
			         count(f.id) as forwarded,
			         count(f.accepted_at) as accepted,
			         count(f.closed_at) as closed,
			         count(*) filter (where f.accepted_at is not null or f.accept_due < :now) as acceptance_decided,
			         count(*) filter (where f.accepted_at <= f.accept_due) as accepted_on_time,
			         count(*) filter (where f.resolved_at is not null or f.resolve_due < :now) as resolution_decided,
			         count(*) filter (where f.resolved_at <= f.resolve_due) as resolved_on_time,
			         percentile_cont(0.5) within group (order by extract(epoch from f.accepted_at - f.forwarded_at)) as accept_median_s,
			         percentile_cont(0.9) within group (order by extract(epoch from f.accepted_at - f.forwarded_at)) as accept_p90_s,
			         percentile_cont(0.5) within group (order by extract(epoch from f.closed_at - f.forwarded_at)) as close_median_s,
			         percentile_cont(0.9) within group (order by extract(epoch from f.closed_at - f.forwarded_at)) as close_p90_s
			  from period_case p
			  left join master_fact f on f.id = p.id
			  group by grouping sets ((p.group_key), ())
			),
			last_rating as (
			  select distinct on (r.case_number, r.mobile) p.group_key, r.score
			  from case_rating r
			  join period_case p on p.case_number = r.case_number
			  order by r.case_number, r.mobile, r.at desc, r.id desc
			),
			rating_figures as (
			  select group_key, grouping(group_key) = 1 as is_total, count(*) as ratings,
			         count(*) filter (where score in (1, 2)) as satisfied,
			         count(*) filter (where score = 3) as dissatisfied
			  from last_rating
			  group by grouping sets ((group_key), ())
			),
			returned_event as (
			  select e.case_id, ${RETURN_KEY} as group_key
			  from status_event e
			  join period_case p on p.id = e.case_id and p.is_master
			  where e.status = 'RETURNED'
			),
			routing as (
			  select r.case_id, r.reason, lag(r.platform_id) over (partition by r.case_id order by r.at, r.id) as previous_platform
			  from case_routing r
			  join period_case p on p.id = r.case_id and p.is_master
			),
			-- a 回退 is counted from the case's RETURNED events; only a case whose returns were
			-- recorded solely in its routing history is counted from there, so none counts twice
			incident as (
			  select group_key, 'RETURN' as kind from returned_event
			  union all
			  select ${ROUTING_KEY}, case when r.reason = 'RETURNED' then 'RETURN' else 'ESCALATION' end
			  from routing r
			  join period_case p on p.id = r.case_id
			  where r.reason = 'ESCALATED'
			     or (r.reason = 'RETURNED' and not exists (select 1 from returned_event x where x.case_id = r.case_id))
			),
			incident_figures as (
			  select coalesce(group_key, '') as group_key, grouping(group_key) = 1 as is_total,
			         count(*) filter (where kind = 'RETURN') as returns,
			         count(*) filter (where kind = 'ESCALATION') as escalations
			  from incident
			  group by grouping sets ((group_key), ())
			),
			row_key as (
			  select coalesce(group_key, '') as group_key, is_total from case_figures
			  union select coalesce(group_key, ''), is_total from rating_figures
			  union select group_key, is_total from incident_figures
			)
			select k.group_key, k.is_total, cf.group_name,
			       coalesce(cf.received, 0) as received, coalesce(cf.located, 0) as located, coalesce(cf.merged, 0) as merged,
			       coalesce(cf.forwarded, 0) as forwarded, coalesce(cf.accepted, 0) as accepted, coalesce(cf.closed, 0) as closed,
			       coalesce(cf.acceptance_decided, 0) as acceptance_decided, coalesce(cf.accepted_on_time, 0) as accepted_on_time,
			       coalesce(cf.resolution_decided, 0) as resolution_decided, coalesce(cf.resolved_on_time, 0) as resolved_on_time,
			       cf.accept_median_s, cf.accept_p90_s, cf.close_median_s, cf.close_p90_s,
			       coalesce(rf.ratings, 0) as ratings, coalesce(rf.satisfied, 0) as satisfied,
			       coalesce(rf.dissatisfied, 0) as dissatisfied,
			       coalesce(inc.returns, 0) as returns, coalesce(inc.escalations, 0) as escalations
			from row_key k
			left join case_figures cf on coalesce(cf.group_key, '') = k.group_key and cf.is_total = k.is_total
			left join rating_figures rf on coalesce(rf.group_key, '') = k.group_key and rf.is_total = k.is_total
			left join incident_figures inc on inc.group_key = k.group_key and inc.is_total = k.is_total
			order by k.is_total, k.group_key
			""";

}
