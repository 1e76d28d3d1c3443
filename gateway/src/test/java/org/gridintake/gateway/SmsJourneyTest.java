package org.gridintake.gateway;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Residents texting the short code, through the real SMPP bind, inbox, dialogue and
 * pipeline; what they get back is read at the SMSC.
 */
class SmsJourneyTest extends GatewayIntegrationTest {

	private static final String SHORT_CODE = "12345";

	private static final Pattern CASE_NUMBER = Pattern.compile("QH\\d{8}-\\d{6,}");

	@Test
	void aTextNamingAPlaceBecomesALocatedCaseAndTheResidentGetsItsNumber() {
		String resident = newResident();
		SMSC.deliver(resident, SHORT_CODE, "双榆街115号楼下饭馆油烟直排，熏得受不了");

		String reply = awaitText(resident, "已收到");
		String caseNumber = caseNumberIn(reply);
		assertThat(reply).contains("CX");
		assertThat(field(caseNumber, "channel")).isEqualTo("SMS");
		assertThat(field(caseNumber, "grid_code")).isEqualTo("110199005001029");
		assertThat(field(caseNumber, "description")).isEqualTo("双榆街115号楼下饭馆油烟直排，熏得受不了");
		await().atMost(Duration.ofSeconds(20)).until(() -> "FORWARDED".equals(field(caseNumber, "status")));
	}

	@Test
	void withoutAPlaceTheResidentIsAskedAndTheirAnswerLocatesTheCase() {
		String resident = newResident();
		SMSC.deliver(resident, SHORT_CODE, "路灯坏了好几天了，晚上黑漆漆的");
		String ask = awaitText(resident, "具体地址");
		String caseNumber = caseNumberIn(ask);
		assertThat(field(caseNumber, "status")).isEqualTo("UNLOCATED");

		SMSC.deliver(resident, SHORT_CODE, "在双榆街115号门口");
		String located = awaitText(resident, "已定位");
		assertThat(located).contains(caseNumber).contains("双榆街115号");
		assertThat(field(caseNumber, "grid_code")).isEqualTo("110199005001029");
		// the answer is not a new report, and the case goes to the community platform,
		// not to triage
		assertThat(this.jdbc.sql("select count(*) from report_case where reporter_mobile = ?")
			.param(resident)
			.query(Integer.class)
			.single()).isEqualTo(1);
		await().atMost(Duration.ofSeconds(20)).until(() -> "FORWARDED".equals(field(caseNumber, "status")));
		assertThat(this.jdbc.sql("""
				select platform_id from forward_outbox o join report_case c on c.id = o.case_id
				where c.case_number = ?""").param(caseNumber).query(String.class).single()).isEqualTo("qh-communities");
	}

	@Test
	void aRedeliveredMessageMakesNoSecondReport() {
		String resident = newResident();
		SMSC.deliver(resident, SHORT_CODE, "双榆街115号门口垃圾桶被推倒了");
		SMSC.deliver(resident, SHORT_CODE, "双榆街115号门口垃圾桶被推倒了");
		awaitText(resident, "已收到");
		await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() -> textsTo(resident).size() == 1);
		assertThat(this.jdbc.sql("select count(*) from report_case where reporter_mobile = ?")
			.param(resident)
			.query(Integer.class)
			.single()).isEqualTo(1);
	}

	@Test
	void residentsQueryTheirCasesByTextWithOrWithoutANumber() {
		String resident = newResident();
		SMSC.deliver(resident, SHORT_CODE, "双榆街115号楼下井盖丢了");
		String caseNumber = caseNumberIn(awaitText(resident, "已收到"));

		SMSC.deliver(resident, SHORT_CODE, "查询");
		assertThat(awaitText(resident, caseNumber + "：")).contains(caseNumber);
		SMSC.deliver(resident, SHORT_CODE, "CX " + caseNumber);
		await().atMost(Duration.ofSeconds(10))
			.until(() -> textsTo(resident).stream().filter((text) -> text.contains(caseNumber + "：")).count() == 2);
		// another resident's number tells nothing about this case
		String stranger = newResident();
		SMSC.deliver(stranger, SHORT_CODE, "cx " + caseNumber);
		assertThat(awaitText(stranger, "未查到")).doesNotContain(caseNumber);
	}

	@Test
	void anOptedOutResidentGetsNoProgressTextsUntilTheySubscribeAgain() {
		String resident = newResident();
		SMSC.deliver(resident, SHORT_CODE, "双榆街115号门口乱停车堵住了消防通道");
		String caseNumber = caseNumberIn(awaitText(resident, "已收到"));
		await().atMost(Duration.ofSeconds(20)).until(() -> "FORWARDED".equals(field(caseNumber, "status")));

		SMSC.deliver(resident, SHORT_CODE, "退订");
		awaitText(resident, "您已退订");
		postStatus(platformOf(caseNumber),
				"{\"case_number\": \"%s\", \"status\": \"DISPATCHED\"}".formatted(caseNumber), PLATFORM_SECRET)
			.expectStatus()
			.isOk();
		SMSC.deliver(resident, SHORT_CODE, "TD");
		await().during(Duration.ofSeconds(2))
			.atMost(Duration.ofSeconds(5))
			.until(() -> textsTo(resident).stream().noneMatch((text) -> text.contains("派遣")));
		assertThat(textsTo(resident).stream().filter((text) -> text.contains("您已退订"))).hasSize(1);

		SMSC.deliver(resident, SHORT_CODE, "订阅");
		awaitText(resident, "恢复接收");
		postStatus(platformOf(caseNumber), "{\"case_number\": \"%s\", \"status\": \"RESOLVED\"}".formatted(caseNumber),
				PLATFORM_SECRET)
			.expectStatus()
			.isOk();
		awaitText(resident, "已处置完毕");
	}

	@Test
	void aDissatisfiedRatingAfterClosureReopensTheCase() {
		String resident = newResident();
		SMSC.deliver(resident, SHORT_CODE, "双榆街115号门口人行道地砖松动");
		String caseNumber = caseNumberIn(awaitText(resident, "已收到"));
		await().atMost(Duration.ofSeconds(20)).until(() -> "FORWARDED".equals(field(caseNumber, "status")));
		postStatus(platformOf(caseNumber), "{\"case_number\": \"%s\", \"status\": \"CLOSED\"}".formatted(caseNumber),
				PLATFORM_SECRET)
			.expectStatus()
			.isOk();
		awaitText(resident, "请回复数字评价");

		SMSC.deliver(resident, SHORT_CODE, "3");
		assertThat(awaitText(resident, "重新交办")).contains(caseNumber);
		assertThat(field(caseNumber, "status")).isEqualTo("REOPENED");
		assertThat(this.jdbc.sql("select score from case_rating where case_number = ?")
			.param(caseNumber)
			.query(Integer.class)
			.single()).isEqualTo(3);
	}

	@Test
	void aNumberThatFloodsTheShortCodeIsToldOnceAndItsExtraMessagesAreKeptNotFiled() {
		String resident = newResident();
		for (int i = 1; i <= 7; i++) {
			SMSC.deliver(resident, SHORT_CODE, "双榆街115号门口第" + i + "堆垃圾没人清");
		}
		await().atMost(Duration.ofSeconds(20))
			.until(() -> this.jdbc.sql("select count(*) from sms_mo_message where sender = ? and state = 'DONE'")
				.param(resident)
				.query(Integer.class)
				.single() == 7);
		assertThat(this.jdbc.sql("select count(*) from report_case where reporter_mobile = ?")
			.param(resident)
			.query(Integer.class)
			.single()).isEqualTo(5);
		awaitText(resident, "较多");
		await().during(Duration.ofSeconds(1))
			.atMost(Duration.ofSeconds(5))
			.until(() -> textsTo(resident).stream().filter((text) -> text.contains("较多")).count() == 1);
	}

	private String awaitText(String resident, String containing) {
		return await().atMost(Duration.ofSeconds(20))
			.until(() -> textsTo(resident).stream().filter((text) -> text.contains(containing)).findFirst(),
					java.util.Optional::isPresent)
			.orElseThrow();
	}

	private String field(String caseNumber, String column) {
		return this.jdbc.sql("select " + column + "::text from report_case where case_number = ?")
			.param(caseNumber)
			.query(String.class)
			.single();
	}

	private String platformOf(String caseNumber) {
		return field(caseNumber, "route_platform_id");
	}

	static String caseNumberIn(String text) {
		Matcher matcher = CASE_NUMBER.matcher(text);
		assertThat(matcher.find()).as("a case number in '%s'", text).isTrue();
		return matcher.group();
	}

	static String newResident() {
		return "137" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
	}

}
