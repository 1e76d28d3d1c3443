package org.gridintake.adapters.postgres;

import java.sql.Timestamp;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.gridintake.adapters.testing.TestServers;
import org.gridintake.routes.figures.CityFigures;
import org.gridintake.routes.figures.FigureRow;
import org.gridintake.routes.figures.Figures;
import org.gridintake.routes.figures.FiguresQuery;
import org.gridintake.routes.figures.Grouping;
import org.gridintake.routes.sla.ServiceLevels;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The city's figures over a small district month whose every figure was worked out by
 * hand: two street platforms, a merged duplicate, a case forwarded before deadlines were
 * stored (its resolution deadline moved by a holiday), a reopened case, returns recorded
 * as events and only in the routing history, an escalation, and repeated ratings.
 */
class PostgresCityFiguresTest {

	private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

	private static final String DONGHUA = "donghua-street";

	private static final String STREETS = "qh-streets";

	/** After every event of the month; one case's acceptance is not due yet. */
	private static final Instant NOW = Instant.parse("2025-03-31T16:30:00Z");

	private static HikariDataSource dataSource;

	private static JdbcClient jdbc;

	private static CityFigures figures;

	@BeforeAll
	static void aMonthOfCases() {
		dataSource = TestServers.postgres().migratedDatabase("adapters_city_figures");
		jdbc = JdbcClient.create(dataSource);
		// 2025-03-10, a Monday, is a holiday: C2's five working days end a day later
		ServiceLevels levels = new ServiceLevels(new ServiceLevels.Target(Duration.ofHours(2), 5),
				Map.of("1105", new ServiceLevels.Target(Duration.ofHours(1), 3)),
				EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), Set.of(LocalDate.parse("2025-03-10")), SHANGHAI);
		Map<String, String> names = Map.of(DONGHUA, "东华街道网格化服务管理中心", STREETS, "青河区街道网格化管理平台", "qh-communities",
				"青河区社区网格工作站", "qh-district", "青河区城市管理监督指挥中心");
		figures = PostgresAdapters.over(dataSource).cityFigures(levels, names::get);
		seed();
	}

	@AfterAll
	static void close() {
		dataSource.close();
	}

	@Test
	void perPlatformEveryFigureAsWorkedOutByHand() {
		Figures result = figures.compute(new FiguresQuery(LocalDate.parse("2025-03-01"), LocalDate.parse("2025-03-31"),
				SHANGHAI, Grouping.PLATFORM, NOW));

		assertThat(result.rows()).extracting(FigureRow::key)
			.containsExactly(null, DONGHUA, "qh-communities", "qh-district", STREETS);

		FigureRow donghua = row(result, DONGHUA);
		assertThat(donghua.name()).isEqualTo("东华街道网格化服务管理中心");
		// C1, C2, C3 (C1's duplicate), C4, C10; C8 came a minute before the month began
		assertThat(counts(donghua)).containsExactly(5L, 5L, 1L, 4L, 3L, 2L);
		assertThat(donghua.closureRate()).isEqualTo(0.5);
		// C1 and C10 in time, C2 an hour late, C4 never taken
		assertThat(donghua.onTimeAcceptanceRate()).isEqualTo(0.5);
		// C1 and C2 (thanks to the holiday) in time; C4 never resolved, C10 reopened
		assertThat(donghua.onTimeResolutionRate()).isEqualTo(0.5);
		// 10, 30 and 180 minutes
		assertThat(donghua.timeToAccept().medianMinutes()).isCloseTo(30.0, within(1e-9));
		assertThat(donghua.timeToAccept().p90Minutes()).isCloseTo(150.0, within(1e-9));
		// 2 and 8 days
		assertThat(donghua.timeToClose().medianMinutes()).isCloseTo(7200.0, within(1e-9));
		assertThat(donghua.timeToClose().p90Minutes()).isCloseTo(10656.0, within(1e-9));
		// the duplicate's reporter is asked too; a resident who changed their mind counts
		// once
		assertThat(donghua.satisfaction()).isEqualTo(new FigureRow.Satisfaction(3, 2.0 / 3, 1));
		assertThat(donghua.returns()).isZero();
		assertThat(donghua.escalations()).isZero();

		FigureRow streets = row(result, STREETS);
		assertThat(counts(streets)).containsExactly(3L, 3L, 0L, 2L, 1L, 0L);
		assertThat(streets.closureRate()).isEqualTo(0.0);
		// C6's hour is not over yet: only C5 is decided
		assertThat(streets.onTimeAcceptanceRate()).isEqualTo(1.0);
		assertThat(streets.onTimeResolutionRate()).isNull();
		assertThat(streets.timeToAccept()).isEqualTo(new FigureRow.Durations(60.0, 60.0));
		assertThat(streets.timeToClose()).isEqualTo(new FigureRow.Durations(null, null));
		assertThat(streets.satisfaction()).isEqualTo(new FigureRow.Satisfaction(0, null, 0));
		// it gave C4 back, which Donghua holds now
		assertThat(streets.returns()).isEqualTo(1);

		FigureRow communities = row(result, "qh-communities");
		assertThat(communities.received()).isZero();
		assertThat(communities.escalations()).isEqualTo(1);
		assertThat(row(result, "qh-district").returns()).as("a return known only from the routing history")
			.isEqualTo(1);

		FigureRow unrouted = row(result, null);
		assertThat(unrouted.name()).isEqualTo("（未转办）");
		assertThat(counts(unrouted)).containsExactly(1L, 0L, 0L, 0L, 0L, 0L);

		FigureRow total = result.total();
		assertThat(total.name()).isEqualTo("合计");
		assertThat(counts(total)).containsExactly(9L, 8L, 1L, 6L, 4L, 2L);
		assertThat(total.closureRate()).isCloseTo(2.0 / 6, within(1e-9));
		assertThat(total.onTimeAcceptanceRate()).isCloseTo(0.6, within(1e-9));
		assertThat(total.onTimeResolutionRate()).isEqualTo(0.5);
		// 10, 30, 60 and 180 minutes
		assertThat(total.timeToAccept().medianMinutes()).isCloseTo(45.0, within(1e-9));
		assertThat(total.timeToAccept().p90Minutes()).isCloseTo(144.0, within(1e-9));
		assertThat(total.satisfaction()).isEqualTo(new FigureRow.Satisfaction(3, 2.0 / 3, 1));
		assertThat(total.returns()).isEqualTo(2);
		assertThat(total.escalations()).isEqualTo(1);
	}

	@Test
	void perStreetAndCommunityWithTheirChineseNames() {
		Figures byStreet = figures.compute(new FiguresQuery(LocalDate.parse("2025-03-01"),
				LocalDate.parse("2025-03-31"), SHANGHAI, Grouping.STREET, NOW));
		assertThat(byStreet.rows()).extracting(FigureRow::key, FigureRow::name)
			.containsExactly(org.assertj.core.groups.Tuple.tuple(null, "（未定位）"),
					org.assertj.core.groups.Tuple.tuple("110199001", "东华街道"),
					org.assertj.core.groups.Tuple.tuple("110199002", "西湖街道"));
		FigureRow donghua = row(byStreet, "110199001");
		assertThat(counts(donghua)).containsExactly(5L, 5L, 1L, 4L, 3L, 2L);
		// C4 was given back while it lay in this street
		assertThat(donghua.returns()).isEqualTo(1);
		FigureRow xihu = row(byStreet, "110199002");
		assertThat(xihu.returns()).isEqualTo(1);
		assertThat(xihu.escalations()).isEqualTo(1);
		assertThat(byStreet.total()).isEqualTo(figures
			.compute(new FiguresQuery(LocalDate.parse("2025-03-01"), LocalDate.parse("2025-03-31"), SHANGHAI,
					Grouping.PLATFORM, NOW))
			.total());

		Figures byCommunity = figures.compute(new FiguresQuery(LocalDate.parse("2025-03-01"),
				LocalDate.parse("2025-03-31"), SHANGHAI, Grouping.COMMUNITY, NOW));
		assertThat(row(byCommunity, "110199001001").name()).isEqualTo("东华一社区");
		assertThat(row(byCommunity, "110199001001").received()).isEqualTo(5);
	}

	@Test
	void aPeriodWithoutCasesHasAnEmptyTotal() {
		Figures result = figures.compute(new FiguresQuery(LocalDate.parse("2024-01-01"), LocalDate.parse("2024-01-31"),
				SHANGHAI, Grouping.PLATFORM, NOW));
		assertThat(result.rows()).isEmpty();
		assertThat(result.total().received()).isZero();
		assertThat(result.total().closureRate()).isNull();
	}

	private static FigureRow row(Figures figures, String key) {
		return figures.rows()
			.stream()
			.filter((row) -> java.util.Objects.equals(row.key(), key))
			.findFirst()
			.orElseThrow();
	}

	private static Long[] counts(FigureRow row) {
		return new Long[] { row.received(), row.located(), row.merged(), row.forwarded(), row.accepted(),
				row.closed() };
	}

	private static void seed() {
		Place donghua = new Place("110199001", "东华街道", "110199001001", "东华一社区", "110199001001001");
		Place xihu = new Place("110199002", "西湖街道", "110199002001", "西湖一社区", "110199002001001");

		UUID c1 = kase("C1", "2025-03-03T01:00:00Z", "CLOSED", donghua, DONGHUA, null, "2025-03-03T03:00:00Z",
				"2025-03-10T01:00:00Z");
		event(c1, "FORWARDED", "2025-03-03T01:00:00Z", "gateway");
		event(c1, "ACCEPTED", "2025-03-03T01:30:00Z", "platform:" + DONGHUA);
		event(c1, "RESOLVED", "2025-03-05T00:00:00Z", "platform:" + DONGHUA);
		event(c1, "CLOSED", "2025-03-05T01:00:00Z", "platform:" + DONGHUA);

		// forwarded before deadlines were stored: due by 04:00 and, skipping the weekend
		// and
		// the holiday, by 2025-03-17 02:00
		UUID c2 = kase("C2", "2025-03-07T01:50:00Z", "CLOSED", donghua, DONGHUA, null, null, null);
		event(c2, "FORWARDED", "2025-03-07T02:00:00Z", "gateway");
		event(c2, "DISPATCHED", "2025-03-07T05:00:00Z", "platform:" + DONGHUA);
		event(c2, "CLOSED", "2025-03-15T02:00:00Z", "platform:" + DONGHUA);

		kase("C3", "2025-03-03T02:00:00Z", "MERGED", donghua, null, c1, null, null);

		// given back by the street platform, now with Donghua, never taken
		UUID c4 = kase("C4", "2025-03-20T00:20:00Z", "FORWARDED", donghua, DONGHUA, null, "2025-03-20T03:00:00Z",
				"2025-03-27T01:00:00Z");
		event(c4, "FORWARDED", "2025-03-20T00:30:00Z", "gateway");
		event(c4, "RETURNED", "2025-03-20T00:50:00Z", "platform:" + STREETS);
		event(c4, "FORWARDED", "2025-03-20T01:00:00Z", "gateway");
		routing(c4, STREETS, "INITIAL", "2025-03-20T00:30:00Z");
		routing(c4, DONGHUA, "RETURNED", "2025-03-20T01:00:00Z");
		jdbc.sql("update report_case set accept_due_at = ? where id = ?")
			.params(ts("2025-03-20T03:00:00Z"), c4)
			.update();

		// escalated from the community platform, accepted in an hour, not due for
		// resolution yet
		UUID c5 = kase("C5", "2025-03-24T23:50:00Z", "ACCEPTED", xihu, STREETS, null, "2025-03-25T03:00:00Z",
				"2025-04-01T01:00:00Z");
		event(c5, "FORWARDED", "2025-03-25T01:00:00Z", "gateway");
		event(c5, "ACCEPTED", "2025-03-25T02:00:00Z", "platform:" + STREETS);
		routing(c5, "qh-communities", "INITIAL", "2025-03-24T23:55:00Z");
		routing(c5, STREETS, "ESCALATED", "2025-03-25T01:00:00Z");

		// forwarded late on the last evening; its hour (category 1105) is not over
		UUID c6 = kase("C6", "2025-03-31T15:40:00Z", "FORWARDED", xihu, STREETS, null, null, null);
		jdbc.sql("update report_case set category_code = '1105' where id = ?").param(c6).update();
		event(c6, "FORWARDED", "2025-03-31T15:50:00Z", "gateway");
		routing(c6, "qh-district", "INITIAL", "2025-03-31T15:45:00Z");
		routing(c6, STREETS, "RETURNED", "2025-03-31T15:50:00Z");

		kase("C7", "2025-03-15T04:00:00Z", "UNLOCATED", null, null, null, null, null);

		// 23:59 on 28 February in the city: not March, although March in UTC+0 terms is
		// no nearer
		UUID c8 = kase("C8", "2025-02-28T15:59:00Z", "FORWARDED", donghua, DONGHUA, null, null, null);
		event(c8, "FORWARDED", "2025-02-28T16:00:00Z", "gateway");
		// 23:59 on 31 March in the city: still March
		kase("C9", "2025-03-31T15:59:00Z", "LOCATED", xihu, STREETS, null, null, null);

		// closed, then reopened by a dissatisfied resident
		UUID c10 = kase("C10", "2025-03-10T00:50:00Z", "REOPENED", donghua, DONGHUA, null, "2025-03-10T03:00:00Z",
				"2025-03-17T01:00:00Z");
		event(c10, "FORWARDED", "2025-03-10T01:00:00Z", "gateway");
		event(c10, "ACCEPTED", "2025-03-10T01:10:00Z", "platform:" + DONGHUA);
		event(c10, "RESOLVED", "2025-03-11T01:00:00Z", "platform:" + DONGHUA);
		event(c10, "CLOSED", "2025-03-11T02:00:00Z", "platform:" + DONGHUA);
		event(c10, "REOPENED", "2025-03-12T01:00:00Z", "resident");

		rating("C1", "13800000001", 3, "2025-03-05T10:00:00Z");
		rating("C1", "13800000001", 1, "2025-03-06T10:00:00Z");
		rating("C3", "13800000003", 2, "2025-03-06T11:00:00Z");
		rating("C10", "13800000010", 3, "2025-03-12T00:30:00Z");
		rating("C8", "13800000008", 3, "2025-03-02T00:30:00Z");
	}

	record Place(String street, String streetName, String community, String communityName, String grid) {
	}

	private static UUID kase(String number, String receivedAt, String status, Place place, String platform, UUID master,
			String acceptDue, String resolveDue) {
		UUID id = UUID.randomUUID();
		jdbc.sql("""
				insert into report_case (id, case_number, channel, channel_ref, channel_ref_kind, received_at,
				  sms_allowed, description, category_code, street_code, street_name, community_code, community_name,
				  grid_code, master_case_id, status, route_platform_id, route_level, accept_due_at, resolve_due_at,
				  location_source, updated_at)
				values (?, ?, 'PORTAL', ?, 'CHANNEL', ?, true, '井盖缺失', '0101', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,
				  'POINT', ?)""")
			.params(id, number, number, ts(receivedAt), (place != null) ? place.street() : null,
					(place != null) ? place.streetName() : null, (place != null) ? place.community() : null,
					(place != null) ? place.communityName() : null, (place != null) ? place.grid() : null, master,
					status, platform, (platform != null) ? "street" : null, ts(acceptDue), ts(resolveDue),
					ts(receivedAt))
			.update();
		event(id, "RECEIVED", receivedAt, "gateway");
		return id;
	}

	private static void event(UUID caseId, String status, String at, String source) {
		jdbc.sql("insert into status_event (case_id, status, at, source) values (?, ?, ?, ?)")
			.params(caseId, status, ts(at), source)
			.update();
	}

	private static void routing(UUID caseId, String platform, String reason, String at) {
		jdbc.sql("""
				insert into case_routing (case_id, platform_id, level, area_code, reason, rule, at)
				values (?, ?, 'street', '110199', ?, 'test', ?)""").params(caseId, platform, reason, ts(at)).update();
	}

	private static void rating(String caseNumber, String mobile, int score, String at) {
		jdbc.sql("insert into case_rating (case_number, mobile, score, at) values (?, ?, ?, ?)")
			.params(caseNumber, mobile, score, ts(at))
			.update();
	}

	private static Timestamp ts(String instant) {
		return (instant != null) ? Timestamp.from(Instant.parse(instant)) : null;
	}

}
