package org.gridintake.adapters.postgres;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import org.gridintake.adapters.testing.TestServers;
import org.gridintake.routes.figures.CityFigures;
import org.gridintake.routes.figures.Figures;
import org.gridintake.routes.figures.FiguresQuery;
import org.gridintake.routes.figures.Grouping;
import org.gridintake.routes.sla.ServiceLevels;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * How long the figures take over a busy district's month: prints timings, asserts nothing
 * about speed. {@code ./mvnw -pl adapters -am verify -Dtest=CityFiguresBenchmark
 * -Dsurefire.failIfNoSpecifiedTests=false -Dbenchmark=true [-Dbenchmark.cases=100000]}.
 */
class CityFiguresBenchmark {

	private static final int CASES = Integer.getInteger("benchmark.cases", 100_000);

	@Test
	void figuresOfAMonth() {
		Assumptions.assumeTrue(Boolean.getBoolean("benchmark"), "a benchmark: run it with -Dbenchmark=true");
		try (HikariDataSource dataSource = TestServers.postgres().migratedDatabase("adapters_figures_benchmark")) {
			JdbcClient jdbc = JdbcClient.create(dataSource);
			long seeding = System.nanoTime();
			seed(jdbc);
			System.out.printf(Locale.ROOT, "%nSeeded %d cases in %d ms%n", CASES,
					(System.nanoTime() - seeding) / 1_000_000);
			ZoneId zone = ZoneId.of("Asia/Shanghai");
			CityFigures figures = PostgresAdapters.over(dataSource)
				.cityFigures(new ServiceLevels(new ServiceLevels.Target(Duration.ofHours(2), 5), Map.of(),
						EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), Set.of(), zone), (id) -> id);
			Instant now = Instant.now();
			for (int round = 0; round < 3; round++) {
				for (Grouping by : Grouping.values()) {
					long start = System.nanoTime();
					Figures result = figures.compute(FiguresQuery.lastDays(30, zone, by, now));
					System.out.printf(Locale.ROOT, "figures by %-9s: %5d ms, %3d rows, %d received%n", by.code(),
							(System.nanoTime() - start) / 1_000_000, result.rows().size(), result.total().received());
				}
			}
		}
	}

	/**
	 * A month of cases over 40 streets and 400 communities: a tenth duplicates, most
	 * forwarded, accepted and closed, half of them before deadlines were stored.
	 */
	private static void seed(JdbcClient jdbc) {
		jdbc.sql(
				"""
						insert into report_case (id, case_number, channel, channel_ref, channel_ref_kind, received_at, sms_allowed,
						  description, category_code, street_code, street_name, community_code, community_name, grid_code,
						  status, route_platform_id, route_level, accept_due_at, resolve_due_at, location_source, updated_at)
						select md5('case' || i)::uuid, 'B' || i, 'PORTAL', 'B' || i, 'CHANNEL',
						  now() - (i % 2592000) * interval '1 second', true, '井盖缺失', '0101',
						  '1101990' || lpad((i % 40)::text, 2, '0'), '街道' || (i % 40),
						  '1101990' || lpad((i % 40)::text, 2, '0') || lpad((i % 10)::text, 3, '0'), '社区' || (i % 400),
						  'g' || (i % 4000), case when i % 10 = 0 then 'MERGED' when i % 3 = 0 then 'ACCEPTED' else 'CLOSED' end,
						  'platform-' || (i % 12), 'street',
						  case when i % 2 = 0 then now() - (i % 2592000) * interval '1 second' + interval '2 hours' end,
						  case when i % 2 = 0 then now() - (i % 2592000) * interval '1 second' + interval '7 days' end,
						  'POINT', now()
						from generate_series(1, :cases) i""")
			.param("cases", CASES)
			.update();
		jdbc.sql("""
				update report_case d set master_case_id = md5('case' || (n - 1))::uuid
				from (select id, substr(case_number, 2)::int as n from report_case) x
				where x.id = d.id and x.n % 10 = 0""").update();
		jdbc.sql(
				"""
						insert into status_event (case_id, status, at, source)
						select c.id, s.status, c.received_at + s.after, 'platform:x'
						from report_case c
						cross join (values ('RECEIVED', interval '0'), ('LOCATED', interval '0'), ('FORWARDED', interval '1 minute'),
						  ('ACCEPTED', interval '70 minutes'), ('RESOLVED', interval '3 days'), ('CLOSED', interval '4 days')) s(status, after)
						where c.master_case_id is null or s.status in ('RECEIVED', 'LOCATED')""")
			.update();
		jdbc.sql("""
				insert into case_routing (case_id, platform_id, level, area_code, reason, rule, at)
				select id, route_platform_id, 'street', '110199', 'INITIAL', 'default', received_at
				from report_case where master_case_id is null""").update();
		jdbc.sql(
				"""
						insert into case_rating (case_number, mobile, score, at)
						select case_number, '138' || lpad(substr(case_number, 2), 8, '0'), 1 + (substr(case_number, 2)::int % 3),
						  received_at + interval '5 days'
						from report_case where status = 'CLOSED'""")
			.update();
		jdbc.sql("analyze").update();
	}

}
