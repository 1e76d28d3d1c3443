package org.gridintake.routes.open311;

import java.time.Instant;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import org.gridintake.routes.casedraft.CaseNumber;
import org.gridintake.routes.casedraft.CaseQuery;
import org.gridintake.routes.casedraft.CaseStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class Open311ListingTest {

	private static final Instant NOW = Instant.parse("2026-07-01T02:00:00Z");

	@Test
	void withoutParametersTheLastNinetyDaysNewestFirstAtMostAThousand() {
		CaseQuery query = parse(Map.of()).query(NOW);
		assertThat(query)
			.isEqualTo(new CaseQuery(Instant.parse("2026-04-02T02:00:00Z"), NOW, Set.of(), Set.of(), 1000));
		assertThat(parse(Map.of()).byIds()).isFalse();
	}

	@Test
	void oneDateSpansNinetyDaysFromIt() {
		assertThat(parse(Map.of("start_date", "2026-01-01T00:00:00+08:00")).query(NOW))
			.extracting(CaseQuery::receivedFrom, CaseQuery::receivedTo)
			.containsExactly(Instant.parse("2025-12-31T16:00:00Z"), Instant.parse("2026-03-31T16:00:00Z"));
		assertThat(parse(Map.of("end_date", "2026-03-31T16:00:00Z")).query(NOW))
			.extracting(CaseQuery::receivedFrom, CaseQuery::receivedTo)
			.containsExactly(Instant.parse("2025-12-31T16:00:00Z"), Instant.parse("2026-03-31T16:00:00Z"));
	}

	@Test
	void serviceCodesAndStatesNarrowTheSearch() {
		CaseQuery closed = parse(Map.of("service_code", "1109, 0101", "status", "closed")).query(NOW);
		assertThat(closed.categoryCodes()).containsExactlyInAnyOrder("1109", "0101");
		assertThat(closed.statuses()).containsExactly(CaseStatus.CLOSED);
		CaseQuery open = parse(Map.of("status", "open")).query(NOW);
		assertThat(open.statuses()).isEqualTo(EnumSet.complementOf(EnumSet.of(CaseStatus.CLOSED)));
		assertThat(parse(Map.of("status", "open,closed")).query(NOW).statuses()).isEmpty();
	}

	@Test
	void everyBadParameterIsNamedInTheSpecsErrorShape() {
		Open311RejectedException rejected = reject(
				Map.of("status", "pending", "start_date", "2026-07-01", "end_date", "yesterday"));
		assertThat(rejected.status()).isEqualTo(400);
		assertThat(rejected.errors()).extracting(Open311Error::description)
			.containsExactly("status: must be open or closed, or both separated by a comma",
					"start_date: must be a W3C date-time with a time zone, such as 2026-07-01T08:00:00+08:00",
					"end_date: must be a W3C date-time with a time zone, such as 2026-07-01T08:00:00+08:00");
		assertThat(reject(Map.of("start_date", "2026-07-02T00:00:00Z", "end_date", "2026-07-01T00:00:00Z")).errors())
			.containsExactly(new Open311Error(400, "start_date: must not be after end_date"));
		assertThat(reject(Map.of("start_date", "2026-01-01T00:00:00Z", "end_date", "2026-07-01T00:00:00Z")).errors())
			.containsExactly(new Open311Error(400, "end_date: must be at most 90 days after start_date"));
	}

	@Test
	void requestIdsOverrideTheSearchEvenWhenNoneCouldExist() {
		Open311Listing listing = parse(Map.of("service_request_id", "QH20260701-000007, nonsense"));
		assertThat(listing.byIds()).isTrue();
		assertThat(listing.ids()).containsExactly(new CaseNumber("QH20260701-000007"));
		Open311Listing impossible = parse(Map.of("service_request_id", "nonsense"));
		assertThat(impossible.byIds()).isTrue();
		assertThat(impossible.ids()).isEmpty();
	}

	private static Open311Listing parse(Map<String, String> parameters) {
		return Open311Listing.parse(new HashMap<>(parameters));
	}

	private static Open311RejectedException reject(Map<String, String> parameters) {
		return catchThrowableOfType(Open311RejectedException.class, () -> parse(parameters));
	}

}
