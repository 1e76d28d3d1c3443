package org.gridintake.routes.field;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.gridintake.routes.casedraft.CaseNumber;
import org.gridintake.routes.geo.GridLevel;
import org.gridintake.routes.geo.GridUnit;
import org.gridintake.routes.intake.FieldError;
import org.gridintake.routes.intake.InboundReport;
import org.gridintake.routes.intake.IntakeResult;
import org.gridintake.routes.intake.InvalidReportException;
import org.gridintake.routes.pipeline.Endpoints;
import org.gridintake.routes.pipeline.ErrorPolicies;
import org.gridintake.routes.routing.Category;
import org.gridintake.routes.routing.Taxonomy;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The batch route on its own: the shared intake pipeline is stood in for by a route that
 * files, refuses or fails by what a report says, so each outcome can be provoked in one
 * batch and seen not to disturb the others.
 */
class FieldVisitIntakeRouteTest {

	private static final GridWorker WORKER = new GridWorker("GW0070032", null,
			new GridUnit("110199007003", "金台社区", GridLevel.COMMUNITY));

	private static final CaseNumber FILED_LAST_WEEK = new CaseNumber("QH20260624-000042");

	private final AtomicInteger serial = new AtomicInteger();

	private CamelContext camel;

	private ProducerTemplate producer;

	@BeforeEach
	void start() throws Exception {
		FieldReportMapper mapper = new FieldReportMapper(
				new Taxonomy(List.of(new Category("1103", "违章搭建", "event", GridLevel.DISTRICT, List.of()))),
				(id) -> Optional.of(WORKER).filter((w) -> w.id().equals(id)),
				new FieldVisitRules(10, Duration.ofDays(30), Duration.ofMinutes(5)));
		EarlierUploads earlier = new EarlierUploads(null) {

			@Override
			public IntakeResult.Duplicate filedBefore(FieldItem item) {
				return "filed-last-week".equals(item.clientId()) ? new IntakeResult.Duplicate(FILED_LAST_WEEK) : null;
			}

		};
		this.camel = new DefaultCamelContext();
		this.camel.addRoutes(new ErrorPolicies());
		this.camel.addRoutes(new FieldVisitIntakeRoute(mapper, earlier));
		this.camel.addRoutes(new RouteBuilder() {

			@Override
			public void configure() {
				from(Endpoints.INTAKE).routeConfigurationId(ErrorPolicies.INTAKE).process((exchange) -> {
					InboundReport report = exchange.getMessage().getMandatoryBody(InboundReport.class);
					if (report.text().contains("数据库")) {
						throw new IllegalStateException("connection refused");
					}
					if (report.text().contains("外区")) {
						throw new InvalidReportException(List.of(new FieldError("location", "lies in 光华社区")));
					}
					exchange.getMessage()
						.setBody(
								new IntakeResult.Accepted(
										new CaseNumber("QH20260701-%06d"
											.formatted(FieldVisitIntakeRouteTest.this.serial.incrementAndGet())),
										true));
				});
			}

		});
		this.camel.start();
		this.producer = this.camel.createProducerTemplate();
	}

	@AfterEach
	void stop() {
		this.camel.stop();
	}

	@Test
	void eachReportGetsItsOwnOutcomeInTheBatchsOrder() {
		Object answer = upload("""
				{"worker_id": "GW0070032", "reports": [%s, %s, %s, %s, %s, %s]}""".formatted(
				report("a", "1103", "一楼把院子圈起来盖了房"), report("b", "9999", "违建"), report("c", "1103", "外区的违建"),
				report("filed-last-week", "0000", "上周报过的"), report("e", "1103", "楼顶私搭乱建"),
				report("f", "1103", "数据库这时断了")));
		assertThat(answer).isInstanceOf(FieldBatchOutcome.class);
		List<ItemOutcome> items = ((FieldBatchOutcome) answer).items();
		assertThat(items).extracting(ItemOutcome::index).containsExactly(0, 1, 2, 3, 4, 5);
		assertThat(items).extracting(ItemOutcome::clientId).containsExactly("a", "b", "c", "filed-last-week", "e", "f");
		assertThat(items).extracting(ItemOutcome::outcome)
			.containsExactly(ItemOutcome.Outcome.ACCEPTED, ItemOutcome.Outcome.REJECTED, ItemOutcome.Outcome.REJECTED,
					ItemOutcome.Outcome.DUPLICATE, ItemOutcome.Outcome.ACCEPTED, ItemOutcome.Outcome.RETRY);
		// a report filed before answers as such even if it would not pass the checks now
		assertThat(items).extracting(ItemOutcome::caseNumber)
			.containsExactly(new CaseNumber("QH20260701-000001"), null, null, FILED_LAST_WEEK,
					new CaseNumber("QH20260701-000002"), null);
		assertThat(items.get(1).errors())
			.containsExactly(new FieldError("reports[1].category", "is not a known category code"));
		assertThat(items.get(2).errors()).containsExactly(new FieldError("reports[2].location", "lies in 光华社区"));
		assertThat(items.get(5).errors()).extracting(FieldError::field).containsExactly("reports[5]");
		assertThat(items.get(5).errors().get(0).message()).contains("send it again");
		assertThat(items.get(0).errors()).isEmpty();
	}

	@Test
	void onceStoringFailsTheRestOfTheBatchIsNotTriedButToBeSentAgain() {
		FieldBatchOutcome answer = (FieldBatchOutcome) upload("""
				{"worker_id": "GW0070032", "reports": [%s, %s, %s, %s]}""".formatted(report("a", "1103", "违建"),
				report("b", "1103", "数据库这时断了"), report("c", "1103", "楼顶私搭乱建"),
				report("filed-last-week", "1103", "上周报过的")));
		assertThat(answer.items()).extracting(ItemOutcome::outcome)
			.containsExactly(ItemOutcome.Outcome.ACCEPTED, ItemOutcome.Outcome.RETRY, ItemOutcome.Outcome.RETRY,
					ItemOutcome.Outcome.RETRY);
		assertThat(answer.items().get(2).errors()).extracting(FieldError::field).containsExactly("reports[2]");
		assertThat(this.serial).hasValue(1);
	}

	@Test
	void aReportThatIsNotAnObjectIsNamedByItsIndex() {
		FieldBatchOutcome answer = (FieldBatchOutcome) upload("""
				{"worker_id": "GW0070032", "reports": [%s, 42]}""".formatted(report("a", "1103", "违建")));
		assertThat(answer.items().get(1).errors())
			.containsExactly(new FieldError("reports[1]", "must be a JSON object"));
		assertThat(answer.items().get(1).clientId()).isNull();
	}

	@Test
	void aBadEnvelopeRefusesTheWholeBatch() {
		Object answer = upload("""
				{"worker_id": "GW0000001", "reports": [%s]}""".formatted(report("a", "1103", "违建")));
		assertThat(answer).isEqualTo(
				new IntakeResult.Rejected(List.of(new FieldError("worker_id", "is not a registered grid worker"))));
		assertThat(this.serial).hasValue(0);
	}

	private Object upload(String json) {
		return this.producer.requestBody(Endpoints.FIELD_INTAKE,
				new FieldUpload(json.getBytes(StandardCharsets.UTF_8), Instant.parse("2026-07-01T06:00:00Z")));
	}

	private static String report(String clientId, String category, String text) {
		return """
				{"client_id": "%s", "category": "%s", "text": "%s", "location": {"lon": 116.39, "lat": 39.907},
				 "taken_at": "2026-07-01T13:01:00+08:00"}""".formatted(clientId, category, text);
	}

}
