package org.gridintake.adapters.sms.mo;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.gridintake.adapters.sms.mo.Receipt.State;
import org.jsmpp.bean.DeliverSm;
import org.jsmpp.bean.OptionalParameter;

/**
 * Recognises SMSC delivery receipts and reads them from the receipted_message_id and
 * message_state TLVs and from the de-facto text form
 * {@code id:… sub:… dlvrd:… submit date:YYMMDDhhmm done date:YYMMDDhhmm stat:DELIVRD err:… text:…}.
 * Where both carry a value, the TLV wins: it is typed, while the text form is a
 * convention that SMSCs bend.
 *
 * <p>
 * The text is read tolerantly, unlike jSMPP's {@code DeliveryReceipt}, which refuses a
 * receipt that lacks a field or orders them differently: keys in any order and case,
 * extra spaces, {@code submit_date} for {@code submit date}, missing fields, dates of 10
 * or 12 digits. The first occurrence of a key counts, so words in the trailing
 * {@code text:} (the start of the original message) do not override real fields.
 */
final class DeliveryReceipts {

	private static final int MESSAGE_TYPE_MASK = 0x3C;

	private static final int SMSC_DELIVERY_RECEIPT = 0x04;

	private static final int DATA_CODING_UCS2 = 0x08;

	private static final Pattern KEY = Pattern.compile(
			"(?<![\\p{Alnum}_])(id|sub|dlvrd|submit[\\s_]*date|done[\\s_]*date|stat|err|text)\\s*:",
			Pattern.CASE_INSENSITIVE);

	private static final Pattern WHITESPACE = Pattern.compile("\\s+");

	private static final Map<String, State> STATS = Map.ofEntries(Map.entry("DELIVRD", State.DELIVERED),
			Map.entry("DELIVERED", State.DELIVERED), Map.entry("EXPIRED", State.EXPIRED),
			Map.entry("DELETED", State.DELETED), Map.entry("UNDELIV", State.UNDELIVERABLE),
			Map.entry("UNDELIVERABLE", State.UNDELIVERABLE), Map.entry("ACCEPTD", State.ACCEPTED),
			Map.entry("ACCEPTED", State.ACCEPTED), Map.entry("UNKNOWN", State.UNKNOWN),
			Map.entry("REJECTD", State.REJECTED), Map.entry("REJECTED", State.REJECTED),
			Map.entry("ENROUTE", State.ENROUTE));

	private DeliveryReceipts() {
	}

	/** Whether the esm_class message type (bits 5-2) is "SMSC delivery receipt". */
	static boolean isReceipt(byte esmClass) {
		return (esmClass & MESSAGE_TYPE_MASK) == SMSC_DELIVERY_RECEIPT;
	}

	/**
	 * @param smscZone the zone of the SMSC's clock, in which the text form's dates are
	 * written
	 */
	static DecodeResult<Receipt> parse(DeliverSm deliverSm, ZoneId smscZone) {
		return parse(deliverSm.getEsmClass(), deliverSm.getDataCoding(), deliverSm.getShortMessage(), smscZone,
				deliverSm.getOptionalParameters());
	}

	/**
	 * @param esmClass the esm_class; must mark an SMSC delivery receipt
	 * @param dataCoding the data_coding; the text form is read as UTF-16BE under UCS2 and
	 * as ISO-8859-1 otherwise, which reads its ASCII fields right in every other alphabet
	 * @param shortMessage the short_message; may be empty or {@code null} (the text form
	 * may come in message_payload, or not at all)
	 * @param smscZone the zone of the SMSC's clock, in which the text form's dates are
	 * written
	 * @param optionalParameters the TLVs; receipted_message_id, message_state and
	 * message_payload are read
	 */
	static DecodeResult<Receipt> parse(byte esmClass, byte dataCoding, byte[] shortMessage, ZoneId smscZone,
			OptionalParameter... optionalParameters) {
		Objects.requireNonNull(smscZone, "smscZone");
		if (!isReceipt(esmClass)) {
			return DecodeResult
				.invalid(String.format("esm_class 0x%02X does not mark an SMSC delivery receipt", esmClass & 0xFF));
		}
		Map<String, String> fields = textFields(text(dataCoding, shortMessage, optionalParameters));
		String messageId = tlvMessageId(optionalParameters);
		if (messageId == null) {
			messageId = firstToken(fields.get("id"));
		}
		if (messageId == null) {
			return DecodeResult.invalid("receipt has neither a receipted_message_id TLV nor an id: in its text");
		}
		State state = tlvState(optionalParameters);
		if (state == null) {
			state = textState(firstToken(fields.get("stat")));
		}
		return DecodeResult.decoded(new Receipt(messageId, state, firstToken(fields.get("err")),
				date(firstToken(fields.get("donedate")), smscZone)));
	}

	private static String text(byte dataCoding, byte[] shortMessage, OptionalParameter[] optionalParameters) {
		byte[] octets = shortMessage;
		if (octets == null || octets.length == 0) {
			octets = Tlvs.value(optionalParameters, Tlvs.MESSAGE_PAYLOAD);
		}
		if (octets == null) {
			return "";
		}
		return new String(octets,
				(dataCoding == DATA_CODING_UCS2) ? StandardCharsets.UTF_16BE : StandardCharsets.ISO_8859_1);
	}

	/** Keys lower case without spaces or underscores; each value runs to the next key. */
	static Map<String, String> textFields(String text) {
		Map<String, String> fields = new HashMap<>();
		Matcher matcher = KEY.matcher(text);
		if (!matcher.find()) {
			return fields;
		}
		boolean more;
		do {
			String key = matcher.group(1).toLowerCase(Locale.ROOT).replaceAll("[\\s_]", "");
			int valueStart = matcher.end();
			more = matcher.find();
			int valueEnd = more ? matcher.start() : text.length();
			fields.putIfAbsent(key, text.substring(valueStart, valueEnd).strip());
		}
		while (more);
		return fields;
	}

	private static String tlvMessageId(OptionalParameter[] optionalParameters) {
		byte[] value = Tlvs.value(optionalParameters, Tlvs.RECEIPTED_MESSAGE_ID);
		if (value == null) {
			return null;
		}
		// a C-octet string: the value ends at its terminating NUL
		int end = 0;
		while (end < value.length && value[end] != 0) {
			end++;
		}
		String id = new String(value, 0, end, StandardCharsets.ISO_8859_1).strip();
		return id.isEmpty() ? null : id;
	}

	/** An out-of-range value is ignored, so that the text's stat: may still say. */
	private static State tlvState(OptionalParameter[] optionalParameters) {
		byte[] value = Tlvs.value(optionalParameters, Tlvs.MESSAGE_STATE);
		return (value != null && value.length == 1) ? State.ofMessageState(value[0] & 0xFF) : null;
	}

	private static State textState(String stat) {
		if (stat == null) {
			return State.UNKNOWN;
		}
		String upper = stat.toUpperCase(Locale.ROOT);
		if (upper.matches("\\d")) {
			State state = State.ofMessageState(Integer.parseInt(upper));
			return (state != null) ? state : State.UNKNOWN;
		}
		return STATS.getOrDefault(upper, State.UNKNOWN);
	}

	/** YYMMDDhhmm or YYMMDDhhmmss; anything else reads as not given. */
	private static Instant date(String value, ZoneId zone) {
		if (value == null || !value.matches("\\d{10}|\\d{12}")) {
			return null;
		}
		try {
			LocalDateTime local = LocalDateTime.of(2000 + number(value, 0), number(value, 2), number(value, 4),
					number(value, 6), number(value, 8), (value.length() == 12) ? number(value, 10) : 0);
			return local.atZone(zone).toInstant();
		}
		catch (DateTimeException ex) {
			return null;
		}
	}

	private static int number(String digits, int from) {
		return Integer.parseInt(digits, from, from + 2, 10);
	}

	private static String firstToken(String value) {
		if (value == null || value.isEmpty()) {
			return null;
		}
		return WHITESPACE.split(value, 2)[0];
	}

}
