package org.gridintake.adapters.sms.mo;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;

import org.gridintake.adapters.sms.mo.Receipt.State;
import org.gridintake.routes.sms.MessageIdKeys;
import org.jsmpp.bean.DeliverSm;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.util.DefaultComposer;
import org.jsmpp.util.DefaultDecomposer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gridintake.adapters.sms.mo.MoDecoderTest.decoded;
import static org.gridintake.adapters.sms.mo.MoDecoderTest.reason;

class DeliveryReceiptsTest {

	private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

	private static final byte RECEIPT = 0x04;

	private static final byte GSM7 = 0x00;

	/** The id our submit_sm_resp gave, in hex, for each receipt below. */
	private static final String SENT_ID = "0A1B2C";

	@ParameterizedTest
	@CsvSource({ "04, true", "44, true", "84, true", "00, false", "40, false", "08, false", "20, false", "24, false" })
	void recognisesTheSmscDeliveryReceiptMessageType(String esmClass, boolean receipt) {
		assertThat(DeliveryReceipts.isReceipt((byte) Integer.parseInt(esmClass, 16))).isEqualTo(receipt);
	}

	@Test
	void readsAReceiptFromTlvsAlone() {
		Receipt receipt = decoded(DeliveryReceipts.parse(RECEIPT, GSM7, new byte[0], SHANGHAI,
				receiptedMessageId("0a1b2c"), messageState(2)));
		assertThat(receipt).isEqualTo(new Receipt("0a1b2c", State.DELIVERED, null, null));
		assertThat(MessageIdKeys.mayMatch(SENT_ID, receipt.messageId())).isTrue();
	}

	@ParameterizedTest
	@CsvSource({ "1, ENROUTE", "2, DELIVERED", "3, EXPIRED", "4, DELETED", "5, UNDELIVERABLE", "6, ACCEPTED",
			"7, UNKNOWN", "8, REJECTED" })
	void mapsEveryMessageState(int value, State state) {
		Receipt receipt = decoded(
				DeliveryReceipts.parse(RECEIPT, GSM7, null, SHANGHAI, receiptedMessageId("1"), messageState(value)));
		assertThat(receipt.state()).isEqualTo(state);
	}

	@Test
	void readsTheStandardTextForm() {
		Receipt receipt = decoded(parseText(
				"id:0000662316 sub:001 dlvrd:001 submit date:2407011230 done date:2407011231 stat:DELIVRD err:000 text:您反映的问题"));
		assertThat(receipt.messageId()).isEqualTo("0000662316");
		assertThat(receipt.state()).isEqualTo(State.DELIVERED);
		assertThat(receipt.errorCode()).isEqualTo("000");
		assertThat(receipt.doneAt()).isEqualTo(Instant.parse("2024-07-01T04:31:00Z"));
		// decimal in the receipt, hex in submit_sm_resp
		assertThat(MessageIdKeys.mayMatch(SENT_ID, receipt.messageId())).isTrue();
	}

	@Test
	void readsTheTextFormTolerantly() {
		// any order, lower and mixed case, extra spaces, submit_date, seconds in the
		// date,
		// no sub:, dlvrd: nor text:
		Receipt receipt = decoded(
				parseText("  STAT : undeliv   err:  034  Done Date:240701123145 submit_date:2407011230   ID:662316  "));
		assertThat(receipt.messageId()).isEqualTo("662316");
		assertThat(receipt.state()).isEqualTo(State.UNDELIVERABLE);
		assertThat(receipt.errorCode()).isEqualTo("034");
		assertThat(receipt.doneAt()).isEqualTo(Instant.parse("2024-07-01T04:31:45Z"));
		assertThat(MessageIdKeys.mayMatch(SENT_ID, receipt.messageId())).isTrue();
	}

	@ParameterizedTest
	@CsvSource({ "DELIVRD, DELIVERED", "delivered, DELIVERED", "EXPIRED, EXPIRED", "DELETED, DELETED",
			"UNDELIV, UNDELIVERABLE", "ACCEPTD, ACCEPTED", "UNKNOWN, UNKNOWN", "REJECTD, REJECTED",
			"rejected, REJECTED", "ENROUTE, ENROUTE", "5, UNDELIVERABLE", "FAILED, UNKNOWN" })
	void readsTheStat(String stat, State state) {
		assertThat(decoded(parseText("id:1 stat:" + stat)).state()).isEqualTo(state);
	}

	@Test
	void leavesWhatIsMissingOrUnreadableEmpty() {
		Receipt receipt = decoded(parseText("id:ABC-123 done date:2413011231"));
		assertThat(receipt.state()).isEqualTo(State.UNKNOWN);
		assertThat(receipt.errorCode()).isNull();
		// month 13
		assertThat(receipt.doneAt()).isNull();
		assertThat(decoded(parseText("id:1 done date:24070112")).doneAt()).isNull();
	}

	@Test
	void takesTheFirstOccurrenceSoTheOriginalTextCannotOverrideFields() {
		Receipt receipt = decoded(parseText("id:42 stat:DELIVRD text:my id:99 stat:REJECTD"));
		assertThat(receipt.messageId()).isEqualTo("42");
		assertThat(receipt.state()).isEqualTo(State.DELIVERED);
	}

	@Test
	void letsTlvsWinOverTheText() {
		Receipt receipt = decoded(
				DeliveryReceipts.parse(RECEIPT, GSM7, ascii("id:999 stat:DELIVRD err:000 done date:2407011231"),
						SHANGHAI, receiptedMessageId("0A1B2C"), messageState(5)));
		assertThat(receipt.messageId()).isEqualTo("0A1B2C");
		assertThat(receipt.state()).isEqualTo(State.UNDELIVERABLE);
		// the text still fills in what the TLVs do not carry
		assertThat(receipt.errorCode()).isEqualTo("000");
		assertThat(receipt.doneAt()).isEqualTo(Instant.parse("2024-07-01T04:31:00Z"));
	}

	@Test
	void fallsBackToTheTextWhenTheMessageStateTlvIsOutOfRange() {
		assertThat(
				decoded(DeliveryReceipts.parse(RECEIPT, GSM7, ascii("id:1 stat:EXPIRED"), SHANGHAI, messageState(42)))
					.state())
			.isEqualTo(State.EXPIRED);
	}

	@Test
	void readsTheTextFromTheMessagePayloadAndUnderUcs2() {
		OptionalParameter payload = new OptionalParameter.OctetString(Tlvs.MESSAGE_PAYLOAD,
				ascii("id:662316 stat:DELIVRD"));
		assertThat(decoded(DeliveryReceipts.parse(RECEIPT, GSM7, null, SHANGHAI, payload)).messageId())
			.isEqualTo("662316");
		byte[] ucs2 = "id:662316 stat:ACCEPTD".getBytes(StandardCharsets.UTF_16BE);
		Receipt receipt = decoded(DeliveryReceipts.parse(RECEIPT, (byte) 0x08, ucs2, SHANGHAI));
		assertThat(receipt.messageId()).isEqualTo("662316");
		assertThat(receipt.state()).isEqualTo(State.ACCEPTED);
	}

	@Test
	void rejectsAReceiptWithoutAnId() {
		assertThat(reason(parseText("sub:001 dlvrd:001 stat:DELIVRD err:000"))).contains("receipted_message_id")
			.contains("id:");
		assertThat(reason(parseText("id: stat:DELIVRD"))).contains("id:");
		assertThat(reason(DeliveryReceipts.parse(RECEIPT, GSM7, null, SHANGHAI, receiptedMessageId(""))))
			.contains("id:");
	}

	@Test
	void rejectsWhatIsNoReceipt() {
		assertThat(reason(DeliveryReceipts.parse((byte) 0x00, GSM7, ascii("id:1 stat:DELIVRD"), SHANGHAI)))
			.contains("esm_class 0x00")
			.contains("not mark an SMSC delivery receipt");
	}

	@Test
	void readsAReceiptAsJsmppReadsItOffTheWire() throws Exception {
		byte[] pdu = new DefaultComposer().deliverSm(3, "", (byte) 0, (byte) 1, "13800138000", (byte) 0, (byte) 1,
				"12345", RECEIPT, (byte) 0, (byte) 0, (byte) 0, GSM7,
				ascii("id:662316 sub:001 dlvrd:001 submit date:2407011230 done date:2407011231 stat:DELIVRD err:000 text:"),
				receiptedMessageId("A1B2C"), messageState(2));
		DeliverSm deliverSm = new DefaultDecomposer().deliverSm(pdu);
		Receipt receipt = decoded(DeliveryReceipts.parse(deliverSm, SHANGHAI));
		assertThat(receipt)
			.isEqualTo(new Receipt("A1B2C", State.DELIVERED, "000", Instant.parse("2024-07-01T04:31:00Z")));
		assertThat(MessageIdKeys.mayMatch(SENT_ID, receipt.messageId())).isTrue();
	}

	private static DecodeResult<Receipt> parseText(String text) {
		return DeliveryReceipts.parse(RECEIPT, GSM7, text.getBytes(StandardCharsets.UTF_8), SHANGHAI);
	}

	private static byte[] ascii(String text) {
		return text.getBytes(StandardCharsets.US_ASCII);
	}

	private static OptionalParameter receiptedMessageId(String id) {
		return new OptionalParameter.COctetString(Tlvs.RECEIPTED_MESSAGE_ID, id);
	}

	private static OptionalParameter messageState(int value) {
		return new OptionalParameter.Byte(Tlvs.MESSAGE_STATE, (byte) value);
	}

}
