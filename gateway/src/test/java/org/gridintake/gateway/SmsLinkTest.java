package org.gridintake.gateway;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.gridintake.adapters.sms.simulator.SmscSimulator;
import org.gridintake.adapters.sms.simulator.SubmittedPart;
import org.gridintake.adapters.testing.TestServers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.gridintake.gateway.SmsJourneyTest.newResident;

/**
 * What goes wrong on SMS links, through the real bind: long messages in pieces, a
 * database that is down while the SMSC delivers, receipts in another number base.
 */
class SmsLinkTest extends GatewayIntegrationTest {

	private static final String SHORT_CODE = "12345";

	private static final List<String> PARTS = List.of("双榆街115号门口的下水道又堵了，污水漫到人行道上，", "味道非常大，路过的老人孩子都要绕着走，已经好几天了，",
			"麻烦尽快派人来疏通一下，谢谢！");

	@Test
	void threePartsOutOfOrderWithOneRepeatedBecomeOneReportWithTheExactText() {
		String resident = newResident();
		List<Integer> acks = SMSC.mo(resident, SHORT_CODE).parts(PARTS).reference(201).send(3, 1, 3, 2);
		assertThat(acks).containsOnly(0);
		awaitReports(resident, 1);
		assertThat(descriptionsOf(resident)).containsExactly(String.join("", PARTS));
	}

	@Test
	void aMessageWithA16BitReferenceIsJoined() {
		String resident = newResident();
		SMSC.mo(resident, SHORT_CODE)
			.parts(PARTS)
			.concatenation(SmscSimulator.Concatenation.UDH_16BIT)
			.reference(40_000)
			.send(2, 3, 1);
		awaitReports(resident, 1);
		assertThat(descriptionsOf(resident)).containsExactly(String.join("", PARTS));
	}

	@Test
	void aMessageWhosePartNeverComesIsFiledAsPartialWithWhatArrived() {
		String resident = newResident();
		SMSC.mo(resident, SHORT_CODE).parts(PARTS).reference(17).send(1, 3);
		awaitReports(resident, 1);
		assertThat(descriptionsOf(resident).get(0)).startsWith(PARTS.get(0) + PARTS.get(2)).contains("短信不完整");
	}

	@Test
	void whileTheDatabaseIsDownNothingIsAcknowledgedAndTheRedeliveryIsFiledOnce() {
		String resident = newResident();
		String text = "双榆街115号门口井盖没了，很危险";
		TestServers.postgres().stop();
		List<Integer> refused;
		try {
			refused = SMSC.deliver(resident, SHORT_CODE, text);
		}
		finally {
			TestServers.postgres().start();
		}
		assertThat(refused).doesNotContain(0).containsOnly(0x64);
		await().atMost(Duration.ofSeconds(30))
			.ignoreExceptions()
			.until(() -> SMSC.deliver(resident, SHORT_CODE, text), (acks) -> acks.equals(List.of(0)));
		awaitReports(resident, 1);
		await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() -> reports(resident) == 1);
	}

	@Test
	void aReceiptWithADecimalIdMarksTheReplyDelivered() {
		String resident = newResident();
		SMSC.deliver(resident, SHORT_CODE, "双榆街115号门口路灯不亮");
		SubmittedPart reply = await().atMost(Duration.ofSeconds(20))
			.until(() -> SMSC.submitted().stream().filter((part) -> part.destination().endsWith(resident)).findFirst(),
					java.util.Optional::isPresent)
			.orElseThrow();
		assertThat(SMSC.sendReceipt(reply.messageId(), "DELIVRD", true)).isZero();
		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.jdbc
				.sql("select delivery_state from sms_outbox where mobile = ? and delivery_state is not null")
				.param(resident)
				.query(String.class)
				.list(), (states) -> states.contains("DELIVERED"));
	}

	private void awaitReports(String resident, int count) {
		await().atMost(Duration.ofSeconds(20)).until(() -> reports(resident) == count);
	}

	private int reports(String resident) {
		return this.jdbc.sql("select count(*) from report_case where reporter_mobile = ?")
			.param(resident)
			.query(Integer.class)
			.single();
	}

	private List<String> descriptionsOf(String resident) {
		return this.jdbc.sql("select description from report_case where reporter_mobile = ?")
			.param(resident)
			.query(String.class)
			.list();
	}

}
