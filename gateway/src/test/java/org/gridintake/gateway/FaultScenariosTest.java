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
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Test;

import org.gridintake.gateway.FaultReports.Channel;
import org.gridintake.gateway.FaultReports.FaultReport;
import org.gridintake.adapters.sms.SmsSplitter;
import org.gridintake.adapters.sms.simulator.ReceivedSms;
import org.gridintake.adapters.sms.simulator.SubmittedPart;
import org.gridintake.adapters.testing.TestServers;
import org.gridintake.routes.pipeline.Endpoints;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.EntityExchangeResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The outside world failing while reports keep coming: each scenario ends by counting
 * that nothing acknowledged was lost and nothing was done twice. Storms are scaled down
 * to fit CI (see docs/faults.md); {@code -Dfaults.storm=N} sets the SMS storm's size,
 * {@code -Dfaults.stream=N} how many reports each channel has acknowledged before
 * PostgreSQL stops and again after it is back, {@code -Dfaults.replies=N} the burst of
 * replies the SMSC drops its binds in.
 */
class FaultScenariosTest extends GatewayIntegrationTest {

	private static final String SHORT_CODE = "12345";

	private static final int STORM = Integer.getInteger("faults.storm", 400);

	private static final int STREAM = Integer.getInteger("faults.stream", 10);

	private static final int REPLIES = Integer.getInteger("faults.replies", 120);

	private static final ObjectMapper JSON = new ObjectMapper();

	private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(FaultScenariosTest.class);

	@Autowired
	CamelContext camel;

	@Test
	void anSmsStormWhileEveryPlatformIsDownIsStoredAndEachCaseForwardedOnceTheyAreBack() throws Exception {
		PLATFORMS.stubFor(WireMock.post(WireMock.urlPathMatching("/platforms/.+"))
			.atPriority(1)
			.willReturn(WireMock.aResponse().withStatus(503)));
		String run = UUID.randomUUID().toString().substring(0, 6);
		List<String> residents = Collections.synchronizedList(new ArrayList<>());
		Set<String> drawn = java.util.concurrent.ConcurrentHashMap.newKeySet();
		AtomicInteger refused = new AtomicInteger();
		ExecutorService senders = Executors.newFixedThreadPool(4);
		long stormStart = System.nanoTime();
		try {
			List<Future<?>> sending = new ArrayList<>();
			AtomicInteger next = new AtomicInteger();
			for (int s = 0; s < 4; s++) {
				sending.add(senders.submit(() -> {
					for (int i = next.getAndIncrement(); i < STORM; i = next.getAndIncrement()) {
						// one text per resident: a number drawn twice (about 50 times in
						// a
						// 100,000 storm) would count that resident's cases twice
						String resident;
						do {
							resident = SmsJourneyTest.newResident();
						}
						while (!drawn.add(resident));
						residents.add(resident);
						if (!SMSC.deliver(resident, SHORT_CODE, FaultReports.incident(i) + "，" + run)
							.equals(List.of(0))) {
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
		long acknowledged = System.nanoTime();
		assertThat(refused).as("deliver_sm answered other than ESME_ROK").hasValue(0);
		// a larger storm (-Dfaults.storm) takes longer to file and to forward
		Duration stormBound = Duration.ofSeconds(60 + STORM / 20);
		await().atMost(stormBound).pollInterval(Duration.ofSeconds(1)).until(() -> casesOf(residents).size() == STORM);
		long filed = System.nanoTime();
		// the platforms were tried and refused before they come back
		await().atMost(Duration.ofSeconds(30))
			.until(() -> PLATFORMS.getAllServeEvents().stream().anyMatch((event) -> status(event) == 503));
		PLATFORMS.removeStub(PLATFORMS.getStubMappings()
			.stream()
			.filter((stub) -> stub.getPriority() != null && stub.getPriority() == 1)
			.findFirst()
			.orElseThrow());

		long platformsBack = System.nanoTime();
		List<String> masters = masters(residents);
		await().atMost(stormBound.plusSeconds(60))
			.pollInterval(Duration.ofSeconds(1))
			.until(() -> bookings().keySet().containsAll(masters));
		Map<String, Long> bookings = bookings();
		log.info(
				"SMS storm of {}: acknowledged in {} s, all filed {} s later, every master case booked {} s after "
						+ "the platforms came back",
				STORM, (acknowledged - stormStart) / 1_000_000_000, (filed - acknowledged) / 1_000_000_000,
				(System.nanoTime() - platformsBack) / 1_000_000_000);
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

	/**
	 * Scenario 3 as a stream. Two portal senders and two SMS senders keep filing distinct
	 * reports while PostgreSQL is stopped and started again under the running gateway.
	 * Each sender keeps what it was told: 202 with a case number or ESME_ROK is an
	 * acknowledgement; 503 with Retry-After, a temporary deliver_sm_resp error or no
	 * answer at all is a refusal, which the sender files again once PostgreSQL is back,
	 * as a portal or an SMSC would.
	 */
	@Test
	void withPostgresRestartedMidStreamEveryAcknowledgedReportIsKeptOnceAndEveryRefusedOneOnceRetried()
			throws Exception {
		String run = run();
		long began = System.nanoTime();
		List<StreamedReport> reports = Collections.synchronizedList(new ArrayList<>());
		AtomicBoolean sending = new AtomicBoolean(true);
		AtomicInteger next = new AtomicInteger();
		// storing a text is far quicker than filing a report: the SMS senders keep pace
		// with the portal's, a few texts per report, rather than flood the run
		Semaphore smsTurns = new Semaphore(4);
		ExecutorService senders = Executors.newFixedThreadPool(4);
		List<Future<?>> running = new ArrayList<>();
		long restarted;
		try {
			for (int s = 0; s < 2; s++) {
				running.add(senders.submit(() -> {
					while (sending.get()) {
						reports.add(send(FaultReports.portal("pg-stream-", run, next.getAndIncrement())));
						smsTurns.release(2);
					}
					return null;
				}));
				running.add(senders.submit(() -> {
					while (sending.get()) {
						if (smsTurns.tryAcquire(1, TimeUnit.SECONDS)) {
							reports.add(send(FaultReports.sms(run, next.getAndIncrement())));
						}
					}
					return null;
				}));
			}
			await().atMost(Duration.ofSeconds(60))
				.until(() -> acknowledged(reports, Channel.PORTAL, began) >= STREAM
						&& acknowledged(reports, Channel.SMS, began) >= STREAM);
			log.info("Stream: {} reports sent, stopping PostgreSQL", reports.size());
			TestServers.postgres().stop();
			long stopped = System.nanoTime();
			try {
				// refusals of reports first sent while it is down, not only of those in
				// flight
				await().atMost(Duration.ofSeconds(60))
					.until(() -> refused(reports, Channel.PORTAL, stopped) >= 2
							&& refused(reports, Channel.SMS, stopped) >= 2);
			}
			finally {
				log.info("Stream: {} reports sent, starting PostgreSQL", reports.size());
				TestServers.postgres().start();
			}
			restarted = System.nanoTime();
			// intake resumes by itself: reports first sent after the restart are
			// acknowledged, with no restart of the gateway
			await().atMost(Duration.ofSeconds(60))
				.until(() -> acknowledged(reports, Channel.PORTAL, restarted) >= STREAM
						&& acknowledged(reports, Channel.SMS, restarted) >= STREAM);
		}
		finally {
			sending.set(false);
			for (Future<?> sender : running) {
				sender.get(60, TimeUnit.SECONDS);
			}
			senders.shutdown();
		}
		List<StreamedReport> sent = List.copyOf(reports);
		log.info("Stream: {} reports sent, {} refused; retrying the refused ones", sent.size(),
				sent.stream().filter((report) -> report.answer() != Answer.ACKNOWLEDGED).count());
		assertThat(sent).filteredOn((report) -> report.answer() == Answer.OTHER)
			.as("answers that are neither an acknowledgement nor a refusal to retry")
			.isEmpty();
		List<StreamedReport> retried = new ArrayList<>();
		for (StreamedReport refusedOnce : sent) {
			if (refusedOnce.answer() != Answer.ACKNOWLEDGED) {
				retried.add(await().atMost(Duration.ofSeconds(30))
					.until(() -> send(refusedOnce.report()), (again) -> again.answer() == Answer.ACKNOWLEDGED));
			}
		}

		log.info("Stream: refused reports retried and acknowledged; counting");
		// counted: every report sent is stored exactly once; an acknowledged portal
		// report under the case number it was given
		Set<String> texts = sent.stream().map((report) -> report.report().text()).collect(Collectors.toSet());
		assertThat(texts).hasSize(sent.size());
		await().atMost(Duration.ofSeconds(60)).until(() -> casesByText(run).keySet().containsAll(texts));
		Map<String, List<String>> stored = casesByText(run);
		assertThat(stored).hasSize(texts.size());
		assertThat(stored).allSatisfy((text, numbers) -> assertThat(numbers).as(text).hasSize(1));
		for (StreamedReport report : sent) {
			if (report.caseNumber() != null) {
				assertThat(stored.get(report.report().text())).containsExactly(report.caseNumber());
			}
		}
		for (StreamedReport report : retried) {
			if (report.caseNumber() != null) {
				assertThat(stored.get(report.report().text())).containsExactly(report.caseNumber());
			}
		}
		long refusedCount = sent.stream().filter((report) -> report.answer() != Answer.ACKNOWLEDGED).count();
		assertThat(refusedCount).isEqualTo(retried.size()).isGreaterThanOrEqualTo(4);
		// a refusal whose report was kept all the same: its commit landed as the
		// connection broke
		long keptThoughRefused = retried.stream()
			.filter((report) -> report.detail() != null && report.detail().contains("\"duplicate\":true"))
			.count();
		log.info(
				"Stream: {} reports ({} portal, {} SMS), {} refused and filed again ({} of them had been kept), "
						+ "each stored once",
				sent.size(), sent.stream().filter((report) -> report.report().channel() == Channel.PORTAL).count(),
				sent.stream().filter((report) -> report.report().channel() == Channel.SMS).count(), refusedCount,
				keptThoughRefused);
	}

	/**
	 * Scenario 4. Replies to a burst of residents' texts wait in the outbox; as they go
	 * out the SMSC drops the bind twice: once right after answering a submit_sm, once
	 * after taking one and before answering it, which SMPP gives the gateway no way to
	 * tell from a submit_sm that never arrived. Counted at the SMSC: every reply arrives;
	 * none arrives twice and no part is submitted twice, except a text whose submit_sm
	 * the SMSC never answered, which the outbox records as unconfirmed.
	 */
	@Test
	void theSmscDroppingTheBindDuringABurstOfRepliesLosesNoReplyAndDoublesOnlyWhatItNeverAnswered() throws Exception {
		String run = run();
		List<String> residents = new ArrayList<>();
		for (int i = 0; i < REPLIES; i++) {
			residents.add(SmsJourneyTest.newResident());
		}
		// texts of earlier tests (the storm's replies) go first, so that the drops
		// fall in this burst
		await().atMost(Duration.ofSeconds(60))
			.until(() -> count("select count(*) from sms_outbox where state = 'PENDING' "
					+ "and next_attempt_at < now() + interval '1 minute'") == 0);
		int drops = SMSC.drops();
		int lostAnswers = SMSC.unanswered().size();
		this.camel.getRouteController().suspendRoute(Endpoints.NOTIFY_POLL_ROUTE);
		try {
			// every third resident names no place and is asked where: a reply of two
			// parts
			List<Integer> refused = deliverAll(residents,
					(i) -> ((i % 3 == 2) ? "路灯坏了好几天了，晚上很黑" : FaultReports.incident(STORM + i)) + "，" + run + "-" + i);
			assertThat(refused).as("deliver_sm answered other than ESME_ROK").isEmpty();
			await().atMost(Duration.ofSeconds(60)).until(() -> replies(residents).size() == REPLIES);
			SMSC.dropSessionsAfterSubmits(REPLIES / 3);
		}
		finally {
			this.camel.getRouteController().resumeRoute(Endpoints.NOTIFY_POLL_ROUTE);
		}
		await().atMost(Duration.ofSeconds(30)).until(() -> SMSC.drops() == drops + 1);
		await().atMost(Duration.ofSeconds(30)).until(() -> !SMSC.boundSystemIds().isEmpty());
		SMSC.dropSessionsBeforeAnswering(REPLIES / 3);
		await().atMost(Duration.ofSeconds(60)).until(() -> SMSC.drops() == drops + 2);
		await().atMost(Duration.ofSeconds(90))
			.until(() -> replies(residents).stream().allMatch((reply) -> reply.state().equals("SENT")));

		List<Reply> replies = replies(residents);
		Map<String, List<String>> received = SMSC.received()
			.stream()
			.collect(Collectors.groupingBy(ReceivedSms::destination,
					Collectors.mapping(ReceivedSms::text, Collectors.toList())));
		Map<String, Long> partsSubmitted = SMSC.submitted()
			.stream()
			.collect(Collectors.groupingBy(SubmittedPart::destination, Collectors.counting()));
		Set<String> unconfirmed = replies.stream()
			.filter((reply) -> reply.unconfirmedSubmits() > 0)
			.map(Reply::mobile)
			.collect(Collectors.toSet());
		assertThat(replies).hasSize(REPLIES).allSatisfy((reply) -> {
			List<String> texts = received.getOrDefault(reply.mobile(), List.of());
			assertThat(texts).as("reply to %s", reply.mobile()).contains(reply.body());
			if (!unconfirmed.contains(reply.mobile())) {
				assertThat(texts).as("reply to %s", reply.mobile()).containsExactly(reply.body());
				assertThat(partsSubmitted.get(reply.mobile())).as("parts to %s", reply.mobile())
					.isEqualTo(SmsSplitter.ucs2Segments(reply.body()).size());
			}
		});
		assertThat(replies).filteredOn((reply) -> SmsSplitter.ucs2Segments(reply.body()).size() > 1)
			.hasSizeGreaterThanOrEqualTo(REPLIES / 3);
		// the part the SMSC kept without answering went again, and the outbox knows: at
		// least the one planned; a drop right after an answer can catch the next
		// submit_sm taken and unanswered too
		List<SubmittedPart> unanswered = SMSC.unanswered().subList(lostAnswers, SMSC.unanswered().size());
		assertThat(unanswered).isNotEmpty()
			.allSatisfy((part) -> assertThat(
					count("select count(*) from sms_outbox where unconfirmed_submits > 0 and mobile = '"
							+ part.destination() + "'"))
				.as("texts to %s recorded as unconfirmed", part.destination())
				.isPositive());
		assertThat(SMSC.boundSystemIds()).as("the gateway bound again by itself").isNotEmpty();
		log.info("Replies: {} texts ({} of two parts) through 2 drops; {} recorded as unconfirmed, {} arrived twice",
				REPLIES, replies.stream().filter((reply) -> SmsSplitter.ucs2Segments(reply.body()).size() > 1).count(),
				unconfirmed.size(),
				replies.stream()
					.filter((reply) -> received.get(reply.mobile()).stream().filter(reply.body()::equals).count() > 1)
					.count());
	}

	private static String run() {
		return UUID.randomUUID().toString().substring(0, 6);
	}

	/** Delivers one text per resident with four concurrent senders. */
	private static List<Integer> deliverAll(List<String> residents, IntFunction<String> texts) throws Exception {
		List<Integer> refused = Collections.synchronizedList(new ArrayList<>());
		ExecutorService senders = Executors.newFixedThreadPool(4);
		try {
			List<Future<?>> sending = new ArrayList<>();
			AtomicInteger next = new AtomicInteger();
			for (int s = 0; s < 4; s++) {
				sending.add(senders.submit(() -> {
					for (int i = next.getAndIncrement(); i < residents.size(); i = next.getAndIncrement()) {
						List<Integer> acks = SMSC.deliver(residents.get(i), SHORT_CODE, texts.apply(i));
						if (!acks.equals(List.of(0))) {
							refused.add(i);
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
		return refused;
	}

	private StreamedReport send(FaultReport report) {
		long started = System.nanoTime();
		if (report.channel() == Channel.SMS) {
			List<Integer> acks;
			try {
				acks = SMSC.deliver(report.mobile(), SHORT_CODE, report.text());
			}
			catch (IllegalStateException ex) {
				// no answer: the SMSC delivers again later
				return new StreamedReport(report, started, Answer.REFUSED, null, ex.getMessage());
			}
			return new StreamedReport(report, started,
					acks.equals(List.of(0)) ? Answer.ACKNOWLEDGED
							: acks.stream().allMatch(FaultScenariosTest::redelivered) ? Answer.REFUSED : Answer.OTHER,
					null, acks.toString());
		}
		EntityExchangeResult<String> answer;
		try {
			answer = postReport(report.json(), report.key()).expectBody(String.class).returnResult();
		}
		catch (RuntimeException ex) {
			// no answer within the client's timeout: a portal tries again
			return new StreamedReport(report, started, Answer.REFUSED, null, String.valueOf(ex.getMessage()));
		}
		int status = answer.getStatus().value();
		String body = answer.getResponseBody();
		if (status == 202) {
			String caseNumber = caseNumberIn(body);
			return new StreamedReport(report, started, (caseNumber != null) ? Answer.ACKNOWLEDGED : Answer.OTHER,
					caseNumber, body);
		}
		boolean retryLater = status == 503 && answer.getResponseHeaders().getFirst("Retry-After") != null;
		return new StreamedReport(report, started, retryLater ? Answer.REFUSED : Answer.OTHER, null,
				status + " " + body);
	}

	/**
	 * Whether an SMSC delivers a message again after this deliver_sm_resp status: a
	 * temporary application error or throttling. Any other refusal loses the text.
	 */
	static boolean redelivered(int status) {
		return status == 0x64 || status == 0x58;
	}

	private static String caseNumberIn(String body) {
		try {
			String caseNumber = JSON.readTree(body).path("case_number").asText();
			return caseNumber.isEmpty() ? null : caseNumber;
		}
		catch (Exception ex) {
			return null;
		}
	}

	private static long acknowledged(List<StreamedReport> reports, Channel channel, long sentFrom) {
		synchronized (reports) {
			return reports.stream()
				.filter((report) -> report.report().channel() == channel && report.answer() == Answer.ACKNOWLEDGED
						&& report.startedNanos() - sentFrom >= 0)
				.count();
		}
	}

	private static long refused(List<StreamedReport> reports, Channel channel, long sentFrom) {
		synchronized (reports) {
			return reports.stream()
				.filter((report) -> report.report().channel() == channel && report.answer() == Answer.REFUSED
						&& report.startedNanos() - sentFrom >= 0)
				.count();
		}
	}

	/** Description → the case numbers stored with it, of the reports of one run. */
	private Map<String, List<String>> casesByText(String run) {
		Map<String, List<String>> cases = new HashMap<>();
		this.jdbc.sql("select description, case_number from report_case where description like ?")
			.param("%，" + run + "-%")
			.query()
			.listOfRows()
			.forEach((row) -> cases.computeIfAbsent((String) row.get("description"), (text) -> new ArrayList<>())
				.add((String) row.get("case_number")));
		return cases;
	}

	private List<Reply> replies(List<String> residents) {
		return this.jdbc
			.sql("select mobile, body, state, unconfirmed_submits from sms_outbox "
					+ "where kind = 'REPLY' and mobile in (:mobiles)")
			.param("mobiles", residents)
			.query((rs, row) -> new Reply(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4)))
			.list();
	}

	enum Answer {

		ACKNOWLEDGED, REFUSED, OTHER

	}

	/** A report as its sender files it, and files it again when refused. */
	/** What one sending of a report was answered. */
	record StreamedReport(FaultReport report, long startedNanos, Answer answer, String caseNumber, String detail) {
	}

	record Reply(String mobile, String body, String state, int unconfirmedSubmits) {
	}

	/** A distinct incident for each i: its own street, door and problem. */
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
