package org.gridintake.gateway;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The outside world failing while reports keep coming: each scenario ends by counting
 * that nothing acknowledged was lost and nothing was done twice. Storms are scaled down
 * to fit CI (see docs/faults.md); {@code -Dfaults.storm=N} sets the SMS storm's size.
 */
class FaultScenariosTest extends GatewayIntegrationTest {

	private static final String SHORT_CODE = "12345";

	private static final int STORM = Integer.getInteger("faults.storm", 400);

	private static final List<String> STREETS = List.of("红旗路", "和兴街", "文化路", "金台大街");

	private static final List<String> PROBLEMS = List.of("门口垃圾没人清", "门口路灯不亮", "楼下饭馆油烟直排", "门口井盖松动了");

	private static final ObjectMapper JSON = new ObjectMapper();

	@Test
	void anSmsStormWhileEveryPlatformIsDownIsStoredAndEachCaseForwardedOnceTheyAreBack() throws Exception {
		PLATFORMS.stubFor(WireMock.post(WireMock.urlPathMatching("/platforms/.+"))
			.atPriority(1)
			.willReturn(WireMock.aResponse().withStatus(503)));
		String run = UUID.randomUUID().toString().substring(0, 6);
		List<String> residents = Collections.synchronizedList(new ArrayList<>());
		AtomicInteger refused = new AtomicInteger();
		ExecutorService senders = Executors.newFixedThreadPool(4);
		try {
			List<Future<?>> sending = new ArrayList<>();
			AtomicInteger next = new AtomicInteger();
			for (int s = 0; s < 4; s++) {
				sending.add(senders.submit(() -> {
					for (int i = next.getAndIncrement(); i < STORM; i = next.getAndIncrement()) {
						String resident = SmsJourneyTest.newResident();
						residents.add(resident);
						if (!SMSC.deliver(resident, SHORT_CODE, incident(i) + "，" + run).equals(List.of(0))) {
							refused.incrementAndGet();
						}
					}
					return null;
				}));
			}
			for (Future<?> sender : sending) {
				sender.get();
			}
		}
		finally {
			senders.shutdown();
		}
		assertThat(refused).as("deliver_sm answered other than ESME_ROK").hasValue(0);
		await().atMost(Duration.ofSeconds(60)).until(() -> casesOf(residents).size() == STORM);
		// the platforms were tried and refused before they come back
		await().atMost(Duration.ofSeconds(30))
			.until(() -> PLATFORMS.getAllServeEvents().stream().anyMatch((event) -> status(event) == 503));
		PLATFORMS.removeStub(PLATFORMS.getStubMappings()
			.stream()
			.filter((stub) -> stub.getPriority() != null && stub.getPriority() == 1)
			.findFirst()
			.orElseThrow());

		List<String> masters = masters(residents);
		await().atMost(Duration.ofSeconds(120)).until(() -> bookings().keySet().containsAll(masters));
		Map<String, Long> bookings = bookings();
		Set<String> merged = casesOf(residents).keySet()
			.stream()
			.filter((number) -> !masters.contains(number))
			.collect(Collectors.toSet());
		assertThat(masters).allSatisfy((number) -> assertThat(bookings.get(number)).as(number).isEqualTo(1L));
		assertThat(merged).allSatisfy((number) -> assertThat(bookings).doesNotContainKey(number));
		assertThat(masters.size() + merged.size()).isEqualTo(STORM);
		assertThat(count("select count(*) from forward_outbox o join report_case c on c.id = o.case_id "
				+ "where o.state = 'DEAD' and c.description like '%" + run + "'"))
			.isZero();
	}

	/** A distinct incident for each i: its own street, door and problem. */
	private static String incident(int i) {
		return STREETS.get(i % STREETS.size()) + (1 + (i / STREETS.size()) % 250) + "号"
				+ PROBLEMS.get((i / 1000) % PROBLEMS.size());
	}

	/** Case number → status, of every case these residents filed. */
	private Map<String, String> casesOf(List<String> residents) {
		Map<String, String> cases = new HashMap<>();
		List<String> copy = List.copyOf(residents);
		for (int from = 0; from < copy.size(); from += 500) {
			this.jdbc.sql("select case_number, status from report_case where reporter_mobile in (:mobiles)")
				.param("mobiles", copy.subList(from, Math.min(copy.size(), from + 500)))
				.query()
				.listOfRows()
				.forEach((row) -> cases.put((String) row.get("case_number"), (String) row.get("status")));
		}
		return cases;
	}

	/** The cases these residents filed that are no one's duplicate. */
	private List<String> masters(List<String> residents) {
		List<String> masters = new ArrayList<>();
		List<String> copy = List.copyOf(residents);
		for (int from = 0; from < copy.size(); from += 500) {
			masters.addAll(this.jdbc
				.sql("select case_number from report_case where reporter_mobile in (:mobiles) "
						+ "and master_case_id is null and status <> 'MERGED'")
				.param("mobiles", copy.subList(from, Math.min(copy.size(), from + 500)))
				.query(String.class)
				.list());
		}
		return masters;
	}

	/** Case number → how many times a platform booked it (answered 201). */
	private static Map<String, Long> bookings() {
		return PLATFORMS.getAllServeEvents()
			.stream()
			.filter((event) -> status(event) == 201
					&& event.getRequest().getUrl().matches("/platforms/.+/cases(\\?.*)?"))
			.map(FaultScenariosTest::caseNumberOf)
			.collect(Collectors.groupingBy((number) -> number, Collectors.counting()));
	}

	private static int status(ServeEvent event) {
		return (event.getResponse() != null) ? event.getResponse().getStatus() : -1;
	}

	private static String caseNumberOf(ServeEvent event) {
		try {
			return JSON.readTree(event.getRequest().getBodyAsString()).path("case_number").asText();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private int count(String sql) {
		return this.jdbc.sql(sql).query(Integer.class).single();
	}

}
