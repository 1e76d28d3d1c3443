package org.gridintake.adapters.sms.simulator;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import org.jsmpp.bean.AlertNotification;
import org.jsmpp.bean.Alphabet;
import org.jsmpp.bean.BindType;
import org.jsmpp.bean.DataSm;
import org.jsmpp.bean.DeliverSm;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.GeneralDataCoding;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.bean.OptionalParameters;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.NegativeResponseException;
import org.jsmpp.extra.ProcessRequestException;
import org.jsmpp.session.BindParameter;
import org.jsmpp.session.DataSmResult;
import org.jsmpp.session.MessageReceiverListener;
import org.jsmpp.session.SMPPSession;
import org.jsmpp.session.Session;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.gridintake.routes.casedraft.Mobile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

/**
 * Talks to the simulator with a bare jSMPP session, to cover what the gateway never
 * sends.
 */
class SmscSimulatorTest {

	private static final Duration WAIT = Duration.ofSeconds(10);

	private final List<DeliverSm> delivered = new CopyOnWriteArrayList<>();

	private volatile int answer;

	private SmscSimulator simulator;

	private SMPPSession esme;

	@BeforeEach
	void start() {
		this.simulator = SmscSimulator.start(0);
	}

	@AfterEach
	void stop() {
		if (this.esme != null) {
			this.esme.unbindAndClose();
		}
		this.simulator.close();
	}

	@Test
	void listensOnLoopbackOnAPickedPort() {
		assertThat(this.simulator.port()).isPositive();
		assertThat(this.simulator.host()).isIn("127.0.0.1", "0:0:0:0:0:0:0:1");
	}

	@Test
	void acceptsAnyCredentialsAndAnswersWithHexMessageIds() throws Exception {
		bind(BindType.BIND_TX, "whoever", "whatever");
		String first = submit("13912345678", 0, new ESMClass(), "hello".getBytes(StandardCharsets.US_ASCII));
		String second = submit("13912345678", 0, new ESMClass(), "again".getBytes(StandardCharsets.US_ASCII));
		assertThat(first).matches("[0-9a-f]+").isNotEqualTo(second);
		assertThat(this.simulator.submitCount()).isEqualTo(2);
		assertThat(this.simulator.received()).extracting(ReceivedSms::text).containsExactly("hello", "again");
	}

	@Test
	void rejoinsLatin1PartsWithA16BitReferenceInAnyOrder() throws Exception {
		bind(BindType.BIND_TRX, "esme", "pw");
		String text = "Café crème, déjà vu — naïve façade. ".repeat(8);
		byte[] latin1 = text.replace('—', '-').getBytes(StandardCharsets.ISO_8859_1);
		int third = latin1.length / 3;
		byte[][] bodies = { slice(latin1, 0, third), slice(latin1, third, 2 * third),
				slice(latin1, 2 * third, latin1.length) };
		for (int sequence : new int[] { 3, 1, 2 }) {
			byte[] header = { 0x06, 0x08, 0x04, 0x12, 0x34, 3, (byte) sequence };
			submit("13912345678", 3, new ESMClass(0x40), concat(header, bodies[sequence - 1]));
			if (sequence != 2) {
				assertThat(this.simulator.received()).isEmpty();
			}
		}
		await().atMost(WAIT).until(() -> this.simulator.received().size() == 1);
		ReceivedSms received = this.simulator.received().get(0);
		assertThat(received.text()).isEqualTo(text.replace('—', '-'));
		assertThat(received.parts()).isEqualTo(3);
		assertThat(received.dataCoding()).isEqualTo(3);
		assertThat(received.destination()).isEqualTo("13912345678");
	}

	@Test
	void keepsConcatenationsToDifferentResidentsApart() throws Exception {
		bind(BindType.BIND_TX, "esme", "pw");
		byte[] ucs2A = "甲甲".getBytes(StandardCharsets.UTF_16BE);
		byte[] ucs2B = "乙乙".getBytes(StandardCharsets.UTF_16BE);
		submit("13900000001", 8, new ESMClass(0x40), concat(new byte[] { 5, 0, 3, 9, 2, 1 }, ucs2A));
		submit("13900000002", 8, new ESMClass(0x40), concat(new byte[] { 5, 0, 3, 9, 2, 1 }, ucs2B));
		submit("13900000002", 8, new ESMClass(0x40), concat(new byte[] { 5, 0, 3, 9, 2, 2 }, ucs2B));
		submit("13900000001", 8, new ESMClass(0x40), concat(new byte[] { 5, 0, 3, 9, 2, 2 }, ucs2A));
		await().atMost(WAIT).until(() -> this.simulator.received().size() == 2);
		assertThat(this.simulator.received()).extracting(ReceivedSms::destination, ReceivedSms::text)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("13900000002", "乙乙乙乙"),
					org.assertj.core.groups.Tuple.tuple("13900000001", "甲甲甲甲"));
	}

	@Test
	void decodesUnpackedGsmWithExtensionCharacters() throws Exception {
		bind(BindType.BIND_TX, "esme", "pw");
		// "@{€}à" as one septet per octet
		submit("13912345678", 0, new ESMClass(), new byte[] { 0x00, 0x1B, 0x28, 0x1B, 0x65, 0x1B, 0x29, 0x7F });
		await().atMost(WAIT).until(() -> this.simulator.received().size() == 1);
		assertThat(this.simulator.received().get(0).text()).isEqualTo("@{€}à");
	}

	@Test
	void clearForgetsMessagesAndCounts() throws Exception {
		bind(BindType.BIND_TX, "esme", "pw");
		submit("13912345678", 0, new ESMClass(), "x".getBytes(StandardCharsets.US_ASCII));
		this.simulator.clear();
		assertThat(this.simulator.received()).isEmpty();
		assertThat(this.simulator.submitCount()).isZero();
	}

	@Test
	void deliversUcs2TextsToABoundReceiver() throws Exception {
		bind(BindType.BIND_RX, "esme", "pw");
		this.simulator.deliver("13812345678", "12345", "收到，谢谢！");
		String longText = "问".repeat(100);
		this.simulator.deliver("13812345678", "12345", longText);
		await().atMost(WAIT).until(() -> this.delivered.size() == 3);
		DeliverSm first = this.delivered.get(0);
		assertThat(first.getSourceAddr()).isEqualTo("13812345678");
		assertThat(first.getDestAddress()).isEqualTo("12345");
		assertThat(first.getDataCoding()).isEqualTo((byte) 8);
		assertThat(new String(first.getShortMessage(), StandardCharsets.UTF_16BE)).isEqualTo("收到，谢谢！");
		ByteArrayOutputStream joined = new ByteArrayOutputStream();
		for (DeliverSm part : this.delivered.subList(1, 3)) {
			assertThat(part.getEsmClass() & 0x40).isEqualTo(0x40);
			byte[] message = part.getShortMessage();
			joined.write(message, 6, message.length - 6);
		}
		assertThat(joined.toString(StandardCharsets.UTF_16BE)).isEqualTo(longText);
	}

	@Test
	void deliverWithoutAReceiverFails() throws Exception {
		bind(BindType.BIND_TX, "esme", "pw");
		assertThatIllegalStateException().isThrownBy(() -> this.simulator.deliver("13812345678", "12345", "hi"));
	}

	@Test
	void keepsEverySubmittedPartWithItsBindInArrivalOrder() throws Exception {
		bind(BindType.BIND_TX, "esme", "pw");
		byte[] ucs2 = "甲乙".getBytes(StandardCharsets.UTF_16BE);
		for (int sequence : new int[] { 2, 1 }) {
			submit("13900000001", 8, new ESMClass(0x40), concat(new byte[] { 5, 0, 3, 7, 2, (byte) sequence }, ucs2));
		}
		assertThat(this.simulator.submitted())
			.extracting(SubmittedPart::systemId, SubmittedPart::sequence, SubmittedPart::total)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("esme", 2, 2),
					org.assertj.core.groups.Tuple.tuple("esme", 1, 2));
		assertThat(this.simulator.submitCount("esme")).isEqualTo(2);
		assertThat(this.simulator.submitCount("other")).isZero();
		assertThat(this.simulator.received()).extracting(ReceivedSms::text).containsExactly("甲乙甲乙");
	}

	@Test
	void refusesASubmitItCannotDecode() throws Exception {
		bind(BindType.BIND_TX, "esme", "pw");
		assertThatExceptionOfType(NegativeResponseException.class)
			.isThrownBy(() -> submit("13912345678", 8, new ESMClass(), new byte[] { 0x4E, 0x2D, 0x4E }))
			.satisfies((ex) -> assertThat(ex.getCommandStatus()).isEqualTo(0x45));
		assertThat(this.simulator.received()).isEmpty();
		assertThat(this.simulator.submitted()).isEmpty();
	}

	@Test
	void holdsSubmitsUntilReleased() throws Exception {
		bind(BindType.BIND_TX, "esme", "pw");
		this.simulator.holdSubmits();
		CompletableFuture<String> held = CompletableFuture.supplyAsync(() -> {
			try {
				return submit("13912345678", 0, new ESMClass(), "wait".getBytes(StandardCharsets.US_ASCII));
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		});
		await().atMost(WAIT).until(() -> this.simulator.submitsInFlight() == 1);
		assertThat(held).isNotDone();
		this.simulator.releaseSubmits();
		assertThat(held).succeedsWithin(WAIT);
		assertThat(this.simulator.submitsInFlight()).isZero();
		assertThat(this.simulator.maxSubmitsInFlight()).isEqualTo(1);
	}

	@Test
	void deliversChosenPartsWithA16BitReferenceOverAChosenBind() throws Exception {
		bind(BindType.BIND_RX, "esme", "pw");
		List<Integer> statuses = this.simulator.mo("13812345678", "12345")
			.parts(List.of("第一", "第二"))
			.concatenation(SmscSimulator.Concatenation.UDH_16BIT)
			.reference(0x1234)
			.via("esme")
			.send(2, 1, 2);
		assertThat(statuses).containsExactly(0, 0, 0);
		await().atMost(WAIT).until(() -> this.delivered.size() == 3);
		assertThat(this.delivered)
			.extracting((deliverSm) -> HexFormat.of().formatHex(deliverSm.getShortMessage(), 0, 7))
			.containsExactly("06080412340202", "06080412340201", "06080412340202");
		assertThatIllegalStateException()
			.isThrownBy(() -> this.simulator.mo("13812345678", "12345").text("hi").via("nobody").send());
	}

	@Test
	void deliversPartsWithSarTlvs() throws Exception {
		bind(BindType.BIND_TRX, "esme", "pw");
		this.simulator.mo("13812345678", "12345")
			.parts(List.of("第一", "第二"))
			.concatenation(SmscSimulator.Concatenation.SAR)
			.reference(0x0102)
			.send(2);
		await().atMost(WAIT).until(() -> this.delivered.size() == 1);
		DeliverSm part = this.delivered.get(0);
		assertThat(part.getEsmClass() & 0x40).isZero();
		assertThat(new String(part.getShortMessage(), StandardCharsets.UTF_16BE)).isEqualTo("第二");
		assertThat(OptionalParameters.get(OptionalParameter.Tag.SAR_MSG_REF_NUM.code(), part.getOptionalParameters())
			.serialize()).endsWith(0x01, 0x02);
		assertThat(OptionalParameters.get(OptionalParameter.Tag.SAR_SEGMENT_SEQNUM.code(), part.getOptionalParameters())
			.serialize()).endsWith(0x02);
	}

	@Test
	void recordsTheStatusOfEveryDeliverSmResponse() throws Exception {
		bind(BindType.BIND_RX, "esme", "pw");
		this.answer = 0x64;
		assertThat(this.simulator.deliver("13812345678", "12345", "一")).containsExactly(0x64);
		this.answer = 0;
		assertThat(this.simulator.deliver("13812345678", "12345", "二")).containsExactly(0);
		assertThat(this.simulator.deliverResponses()).containsExactly(0x64, 0);
	}

	@Test
	void sendsReceiptsWithTheIdAsIssuedOrInDecimal() throws Exception {
		bind(BindType.BIND_TRX, "esme", "pw");
		String messageId = submit("13912345678", 0, new ESMClass(), "hello".getBytes(StandardCharsets.US_ASCII));
		String decimal = Long.toString(Long.parseLong(messageId, 16));
		assertThat(this.simulator.sendReceipt(messageId, "DELIVRD", true)).isZero();
		assertThat(this.simulator.sendReceipt(messageId, "UNDELIV", false)).isZero();
		await().atMost(WAIT).until(() -> this.delivered.size() == 2);
		DeliverSm first = this.delivered.get(0);
		assertThat(first.getEsmClass() & 0x3C).isEqualTo(0x04);
		assertThat(first.getSourceAddr()).isEqualTo("13912345678");
		assertThat(first.getDestAddress()).isEqualTo("12345");
		assertThat(new String(first.getShortMessage(), StandardCharsets.US_ASCII)).startsWith("id:" + decimal + " ")
			.contains(" stat:DELIVRD ", " dlvrd:001 ", " err:000");
		assertThat(first.getShortMessageAsDeliveryReceipt().getId()).isEqualTo(decimal);
		assertThat(((OptionalParameter.COctetString) OptionalParameters
			.get(OptionalParameter.Tag.RECEIPTED_MESSAGE_ID.code(), first.getOptionalParameters())).getValueAsString())
			.isEqualTo(decimal);
		assertThat(OptionalParameters.get(OptionalParameter.Tag.MESSAGE_STATE.code(), first.getOptionalParameters())
			.serialize()).endsWith(0x02);
		assertThat(new String(this.delivered.get(1).getShortMessage(), StandardCharsets.US_ASCII))
			.startsWith("id:" + messageId + " ")
			.contains(" stat:UNDELIV ");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.simulator.sendReceipt("ffffffffff", "DELIVRD", false));
	}

	@Test
	void masksNumbersForLogs() {
		assertThat(Mobile.mask("13812345678")).isEqualTo("138****5678");
		assertThat(Mobile.mask("12345")).isEqualTo("****");
	}

	private void bind(BindType bindType, String systemId, String password) throws Exception {
		this.esme = new SMPPSession();
		this.esme.setMessageReceiverListener(new Collector());
		this.esme.connectAndBind(this.simulator.host(), this.simulator.port(), new BindParameter(bindType, systemId,
				password, "", TypeOfNumber.UNKNOWN, NumberingPlanIndicator.UNKNOWN, null), 5_000);
	}

	private String submit(String destination, int dataCoding, ESMClass esmClass, byte[] shortMessage) throws Exception {
		Alphabet alphabet = switch (dataCoding) {
			case 3 -> Alphabet.ALPHA_LATIN1;
			case 8 -> Alphabet.ALPHA_UCS2;
			default -> Alphabet.ALPHA_DEFAULT;
		};
		return this.esme
			.submitShortMessage(null, TypeOfNumber.UNKNOWN, NumberingPlanIndicator.UNKNOWN, "12345",
					TypeOfNumber.NATIONAL, NumberingPlanIndicator.ISDN, destination, esmClass, (byte) 0, (byte) 0, null,
					null, new RegisteredDelivery(0), (byte) 0, new GeneralDataCoding(alphabet), (byte) 0, shortMessage)
			.getMessageId();
	}

	private static byte[] slice(byte[] bytes, int from, int to) {
		byte[] slice = new byte[to - from];
		System.arraycopy(bytes, from, slice, 0, slice.length);
		return slice;
	}

	private static byte[] concat(byte[] header, byte[] body) {
		byte[] joined = new byte[header.length + body.length];
		System.arraycopy(header, 0, joined, 0, header.length);
		System.arraycopy(body, 0, joined, header.length, body.length);
		return joined;
	}

	private final class Collector implements MessageReceiverListener {

		@Override
		public void onAcceptDeliverSm(DeliverSm deliverSm) throws ProcessRequestException {
			SmscSimulatorTest.this.delivered.add(deliverSm);
			int status = SmscSimulatorTest.this.answer;
			if (status != 0) {
				throw new ProcessRequestException("as the test asks", status);
			}
		}

		@Override
		public void onAcceptAlertNotification(AlertNotification alertNotification) {
		}

		@Override
		public DataSmResult onAcceptDataSm(DataSm dataSm, Session source) {
			return null;
		}

	}

}
