package org.gridintake.adapters.sms.mo;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import org.gridintake.adapters.sms.mo.MoMessage.Alphabet;
import org.jsmpp.bean.DeliverSm;
import org.jsmpp.bean.OptionalParameter;

/**
 * Decodes the text of a mobile-originated deliver_sm, and where the text is one part of a
 * longer message, which part.
 *
 * <p>
 * GSM 7-bit text is taken as SMPP normally carries it: unpacked, one septet per octet.
 * With a user data header the header stays in octets and the septets follow it directly.
 * The fill bits that align packed septets after a header exist only on the air interface,
 * where the SMSC adds and removes them, so there is nothing to skip here. An octet with
 * its top bit set in GSM text means the SMSC sent packed septets; that is rejected, not
 * guessed at. For the alphabets and why 8-bit data is rejected, see {@link DataCodings}.
 *
 * <p>
 * Concatenation comes from the user data header (elements 0x00 and 0x08) or, without one,
 * from the SAR TLVs. A "concatenation" of one part is a whole message.
 */
final class MoDecoder {

	/**
	 * Residents' reports are short; a bound also caps what a reassembly buffer may be
	 * asked to hold for one message.
	 */
	static final int MAX_PARTS = 16;

	private static final int UDHI = 0x40;

	private static final int MESSAGE_TYPE_MASK = 0x3C;

	private MoDecoder() {
	}

	static DecodeResult<MoMessage> decode(DeliverSm deliverSm) {
		return decode(deliverSm.getShortMessage(), deliverSm.getDataCoding(), deliverSm.getEsmClass(),
				deliverSm.getOptionalParameters());
	}

	/**
	 * @param shortMessage the short_message; may be empty or {@code null} when the
	 * message_payload TLV carries the message
	 * @param dataCoding the data_coding
	 * @param esmClass the esm_class: its message type must be the default and its UDHI
	 * bit says whether a user data header leads the message
	 * @param optionalParameters the TLVs; message_payload and the SAR ones are read
	 */
	static DecodeResult<MoMessage> decode(byte[] shortMessage, byte dataCoding, byte esmClass,
			OptionalParameter... optionalParameters) {
		try {
			return DecodeResult.decoded(read(shortMessage, dataCoding, esmClass, optionalParameters));
		}
		catch (Rejected ex) {
			return DecodeResult.invalid(ex.getMessage());
		}
	}

	private static MoMessage read(byte[] shortMessage, byte dataCoding, byte esmClass,
			OptionalParameter[] optionalParameters) throws Rejected {
		checkMessageType(esmClass);
		byte[] userData = userData(shortMessage, optionalParameters);
		Alphabet alphabet = DataCodings.alphabet(dataCoding);
		int textStart = 0;
		Concatenation concatenation = null;
		if ((esmClass & UDHI) != 0) {
			UserDataHeader header = UserDataHeader.parse(userData);
			if (alphabet == Alphabet.GSM7 && (header.has(UserDataHeader.NATIONAL_SINGLE_SHIFT)
					|| header.has(UserDataHeader.NATIONAL_LOCKING_SHIFT))) {
				// the septets would mean other characters than the default table's
				throw new Rejected("GSM 7-bit text uses a national language shift table, which is not supported");
			}
			textStart = header.octets();
			concatenation = header.concatenation();
		}
		if (concatenation == null) {
			concatenation = sar(optionalParameters);
		}
		concatenation = checked(concatenation);
		String text = switch (alphabet) {
			case GSM7 -> Gsm7Text.decode(userData, textStart);
			case UCS2 -> utf16(userData, textStart, concatenation);
			case IA5 -> strict(userData, textStart, StandardCharsets.US_ASCII, alphabet);
			case LATIN1 -> strict(userData, textStart, StandardCharsets.ISO_8859_1, alphabet);
			case CYRILLIC -> strict(userData, textStart, Charset.forName("ISO-8859-5"), alphabet);
			case HEBREW -> strict(userData, textStart, Charset.forName("ISO-8859-8"), alphabet);
		};
		return new MoMessage(text, concatenation, alphabet);
	}

	private static void checkMessageType(byte esmClass) throws Rejected {
		int messageType = esmClass & MESSAGE_TYPE_MASK;
		if (messageType == 0) {
			return;
		}
		String what = switch (messageType) {
			case 0x04 -> "an SMSC delivery receipt";
			case 0x08 -> "an SME delivery acknowledgement";
			case 0x10 -> "an SME manual/user acknowledgement";
			case 0x18 -> "a conversation abort";
			case 0x20 -> "an intermediate delivery notification";
			default -> "the reserved message type " + String.format("0x%02X", messageType);
		};
		throw new Rejected(
				String.format("esm_class 0x%02X marks %s, not a mobile-originated message", esmClass & 0xFF, what));
	}

	private static byte[] userData(byte[] shortMessage, OptionalParameter[] optionalParameters) throws Rejected {
		byte[] payload = Tlvs.value(optionalParameters, Tlvs.MESSAGE_PAYLOAD);
		boolean hasShortMessage = shortMessage != null && shortMessage.length > 0;
		if (payload == null) {
			return hasShortMessage ? shortMessage : new byte[0];
		}
		if (hasShortMessage) {
			// SMPP allows one or the other; which of two texts the resident meant is
			// unknowable
			throw new Rejected("both short_message and the message_payload TLV carry a message");
		}
		return payload;
	}

	private static Concatenation sar(OptionalParameter[] optionalParameters) throws Rejected {
		byte[] reference = Tlvs.value(optionalParameters, Tlvs.SAR_MSG_REF_NUM);
		byte[] total = Tlvs.value(optionalParameters, Tlvs.SAR_TOTAL_SEGMENTS);
		byte[] sequence = Tlvs.value(optionalParameters, Tlvs.SAR_SEGMENT_SEQNUM);
		if (reference == null && total == null && sequence == null) {
			return null;
		}
		if (reference == null || total == null || sequence == null) {
			throw new Rejected("SAR TLVs are incomplete: sar_msg_ref_num " + presence(reference)
					+ ", sar_total_segments " + presence(total) + ", sar_segment_seqnum " + presence(sequence));
		}
		return new Concatenation(Tlvs.unsigned(reference, "sar_msg_ref_num", 2),
				Tlvs.unsigned(total, "sar_total_segments", 1), Tlvs.unsigned(sequence, "sar_segment_seqnum", 1),
				Concatenation.Source.SAR);
	}

	private static String presence(byte[] value) {
		return (value != null) ? "present" : "missing";
	}

	private static Concatenation checked(Concatenation concatenation) throws Rejected {
		if (concatenation == null) {
			return null;
		}
		int total = concatenation.total();
		int sequence = concatenation.sequence();
		String where = (concatenation.source() == Concatenation.Source.SAR) ? "SAR TLVs" : "concatenation header";
		if (total == 0) {
			throw new Rejected(where + " gives a message of 0 parts");
		}
		if (total > MAX_PARTS) {
			throw new Rejected(
					where + " gives a message of " + total + " parts, more than the " + MAX_PARTS + " accepted");
		}
		if (sequence == 0 || sequence > total) {
			throw new Rejected(where + " numbers this part " + sequence + " of " + total);
		}
		return (total == 1) ? null : concatenation;
	}

	/**
	 * Decodes by hand rather than through the JDK's UTF-16 decoder, which would replace a
	 * lone surrogate instead of failing and could not allow one at a part's edge.
	 */
	private static String utf16(byte[] userData, int from, Concatenation concatenation) throws Rejected {
		int octets = userData.length - from;
		if (octets % 2 != 0) {
			throw new Rejected("UCS2 text has an odd number of octets (" + octets + ")");
		}
		char[] units = new char[octets / 2];
		for (int i = 0; i < units.length; i++) {
			units[i] = (char) (((userData[from + 2 * i] & 0xFF) << 8) | (userData[from + 2 * i + 1] & 0xFF));
		}
		// handsets should not split a pair between parts, but some do; joining the parts
		// mends such a pair
		boolean moreParts = concatenation != null && concatenation.sequence() < concatenation.total();
		boolean earlierParts = concatenation != null && concatenation.sequence() > 1;
		for (int i = 0; i < units.length; i++) {
			char unit = units[i];
			if (Character.isHighSurrogate(unit)) {
				if (i + 1 < units.length && Character.isLowSurrogate(units[i + 1])) {
					i++;
				}
				else if (!(i == units.length - 1 && moreParts)) {
					throw loneSurrogate(unit, i);
				}
			}
			else if (Character.isLowSurrogate(unit) && !(i == 0 && earlierParts)) {
				throw loneSurrogate(unit, i);
			}
		}
		return new String(units);
	}

	private static Rejected loneSurrogate(char unit, int index) {
		return new Rejected(String.format("UCS2 text has a lone surrogate U+%04X at code unit %d", (int) unit, index));
	}

	private static String strict(byte[] userData, int from, Charset charset, Alphabet alphabet) throws Rejected {
		CharsetDecoder decoder = charset.newDecoder()
			.onMalformedInput(CodingErrorAction.REPORT)
			.onUnmappableCharacter(CodingErrorAction.REPORT);
		ByteBuffer in = ByteBuffer.wrap(userData, from, userData.length - from);
		// every alphabet read here has one character per octet
		CharBuffer out = CharBuffer.allocate(in.remaining());
		CoderResult result = decoder.decode(in, out, true);
		if (!result.isError()) {
			result = decoder.flush(out);
		}
		if (result.isError()) {
			throw new Rejected(String.format("%s text holds octet 0x%02X at position %d, which has no character there",
					alphabet, userData[in.position()] & 0xFF, in.position() - from));
		}
		return out.flip().toString();
	}

}
