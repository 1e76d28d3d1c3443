package org.gridintake.adapters.sms.mo;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.gridintake.adapters.sms.mo.Concatenation.Source;
import org.gridintake.adapters.sms.mo.MoMessage.Alphabet;
import org.jsmpp.bean.DeliverSm;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.bean.OptionalParameters;
import org.jsmpp.util.DefaultComposer;
import org.jsmpp.util.DefaultDecomposer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class MoDecoderTest {

	private static final byte GSM7 = 0x00;

	private static final byte UCS2 = 0x08;

	private static final byte UDHI = 0x40;

	private static final byte PLAIN = 0x00;

	private static final String CHINESE_WITH_EMOJI = "双榆街115号楼下井盖丢了😀，请尽快处理🙏";

	@Test
	void readsGsm7TextOneSeptetPerOctet() {
		MoMessage message = decoded(MoDecoder.decode(hex("48656C6C6F2000011124"), GSM7, PLAIN));
		assertThat(message.text()).isEqualTo("Hello @£_¤");
		assertThat(message.alphabet()).isEqualTo(Alphabet.GSM7);
		assertThat(message.concatenation()).isNull();
		assertThat(message.isPart()).isFalse();
	}

	@Test
	void readsGsm7ExtensionCharactersAfterTheEscape() {
		// €, [, ], {, }, ~, |, ^, \ and form feed
		byte[] septets = hex("1B65 1B3C 1B3E 1B28 1B29 1B3D 1B40 1B14 1B2F 1B0A".replace(" ", ""));
		assertThat(decoded(MoDecoder.decode(septets, GSM7, PLAIN)).text()).isEqualTo("€[]{}~|^\\\f");
	}

	@Test
	void readsEuroInsideText() {
		// "Fee 5€ [paid]"
		byte[] septets = hex("4665652035" + "1B65" + "20" + "1B3C" + "70616964" + "1B3E");
		assertThat(decoded(MoDecoder.decode(septets, GSM7, PLAIN)).text()).isEqualTo("Fee 5€ [paid]");
	}

	@Test
	void showsUnresolvableEscapesAsGsm0338Asks() {
		// unknown extension → the basic character; escape-escape and a trailing escape →
		// space
		assertThat(decoded(MoDecoder.decode(hex("1B41"), GSM7, PLAIN)).text()).isEqualTo("A");
		assertThat(decoded(MoDecoder.decode(hex("611B1B62"), GSM7, PLAIN)).text()).isEqualTo("a b");
		assertThat(decoded(MoDecoder.decode(hex("611B"), GSM7, PLAIN)).text()).isEqualTo("a ");
	}

	@Test
	void rejectsGsm7OctetsWithTheTopBitSet() {
		// "hi" packed is E8 34: no septet can be 0xE8
		assertThat(reason(MoDecoder.decode(hex("E834"), GSM7, PLAIN))).contains("0xE8")
			.contains("position 0")
			.contains("packed");
	}

	@Test
	void gsm7TextFollowsTheHeaderOctetsWithoutFillSeptets() {
		// on air a 6-octet header is followed by 1 fill bit, a 7-octet one by none; SMPP
		// carries neither
		MoMessage eightBit = decoded(MoDecoder.decode(hex("0500032A0201" + "4869"), GSM7, UDHI));
		assertThat(eightBit.text()).isEqualTo("Hi");
		assertThat(eightBit.concatenation()).isEqualTo(new Concatenation(0x2A, 2, 1, Source.UDH_8BIT));
		MoMessage sixteenBit = decoded(MoDecoder.decode(hex("06080412340202" + "6F6B1B65"), GSM7, UDHI));
		assertThat(sixteenBit.text()).isEqualTo("ok€");
		assertThat(sixteenBit.concatenation()).isEqualTo(new Concatenation(0x1234, 2, 2, Source.UDH_16BIT));
	}

	@Test
	void rejectsGsm7WithANationalLanguageShiftTable() {
		// element 0x25: locking shift to, say, the Turkish table
		assertThat(reason(MoDecoder.decode(hex("0325010D" + "4869"), GSM7, UDHI))).contains("national language");
	}

	@Test
	void readsIa5AsAscii() {
		MoMessage message = decoded(
				MoDecoder.decode("Road 12 flooded!".getBytes(StandardCharsets.US_ASCII), (byte) 0x01, PLAIN));
		assertThat(message.text()).isEqualTo("Road 12 flooded!");
		assertThat(message.alphabet()).isEqualTo(Alphabet.IA5);
		assertThat(reason(MoDecoder.decode(hex("41C3A9"), (byte) 0x01, PLAIN))).contains("IA5")
			.contains("0xC3")
			.contains("position 1");
	}

	@Test
	void readsLatin1() {
		MoMessage message = decoded(
				MoDecoder.decode("Grüße, café".getBytes(StandardCharsets.ISO_8859_1), (byte) 0x03, PLAIN));
		assertThat(message.text()).isEqualTo("Grüße, café");
		assertThat(message.alphabet()).isEqualTo(Alphabet.LATIN1);
	}

	@Test
	void readsCyrillic() {
		MoMessage message = decoded(
				MoDecoder.decode("Привет".getBytes(Charset.forName("ISO-8859-5")), (byte) 0x06, PLAIN));
		assertThat(message.text()).isEqualTo("Привет");
		assertThat(message.alphabet()).isEqualTo(Alphabet.CYRILLIC);
	}

	@ParameterizedTest
	@ValueSource(ints = { 0x02, 0x04, 0x14, 0x15, 0xF4, 0xF5, 0xF6, 0xF7 })
	void rejectsEightBitDataAsBinary(int dataCoding) {
		assertThat(
				reason(MoDecoder.decode("plain words".getBytes(StandardCharsets.ISO_8859_1), (byte) dataCoding, PLAIN)))
			.contains(String.format("0x%02X", dataCoding))
			.contains("binary");
	}

	@ParameterizedTest(name = "data_coding 0x{0} → {1}")
	@CsvSource({ "00, GSM7", "10, GSM7", "11, GSM7", "13, GSM7", "40, GSM7", "C0, GSM7", "D3, GSM7", "F0, GSM7",
			"F1, GSM7", "F3, GSM7", "08, UCS2", "18, UCS2", "19, UCS2", "48, UCS2", "E0, UCS2", "01, IA5", "03, LATIN1",
			"06, CYRILLIC", "07, HEBREW" })
	void findsTheAlphabetOfTheDataCoding(String dataCoding, Alphabet alphabet) {
		// "ok" reads the same in each of them, apart from UCS2
		byte[] text = (alphabet == Alphabet.UCS2) ? hex("006F006B") : hex("6F6B");
		MoMessage message = decoded(MoDecoder.decode(text, (byte) Integer.parseInt(dataCoding, 16), PLAIN));
		assertThat(message.alphabet()).isEqualTo(alphabet);
		assertThat(message.text()).isEqualTo("ok");
	}

	@ParameterizedTest(name = "data_coding 0x{0}: {1}")
	@CsvSource({ "05, JIS", "09, pictogram", "0A, ISO-2022-JP", "0D, Kanji", "0E, KS C 5601", "0B, reserved",
			"0C, reserved", "0F, reserved", "1C, reserved alphabet", "2C, compressed", "30, compressed",
			"38, compressed", "80, reserved coding group", "B5, reserved coding group" })
	void rejectsCodingsItCannotRead(String dataCoding, String reason) {
		int value = Integer.parseInt(dataCoding, 16);
		assertThat(reason(MoDecoder.decode(hex("6F6B"), (byte) value, PLAIN)))
			.contains(String.format("data_coding 0x%02X", value))
			.contains(reason);
	}

	@Test
	void readsChineseWithEmojiAsSurrogatePairs() {
		MoMessage message = decoded(
				MoDecoder.decode(CHINESE_WITH_EMOJI.getBytes(StandardCharsets.UTF_16BE), UCS2, PLAIN));
		assertThat(message.text()).isEqualTo(CHINESE_WITH_EMOJI);
		assertThat(message.text().codePoints().filter(Character::isSupplementaryCodePoint)).hasSize(2);
		assertThat(message.alphabet()).isEqualTo(Alphabet.UCS2);
	}

	@Test
	void rejectsUcs2OfAnOddLength() {
		assertThat(reason(MoDecoder.decode(hex("4E95" + "76"), UCS2, PLAIN))).contains("odd").contains("3");
		// the header does not count: 6 octets of header, 3 of text
		assertThat(reason(MoDecoder.decode(hex("050003010201" + "4E9576"), UCS2, UDHI))).contains("odd");
	}

	@Test
	void rejectsLoneSurrogates() {
		// a high surrogate followed by 井, not by its low half
		assertThat(reason(MoDecoder.decode(hex("D83D4E95"), UCS2, PLAIN))).contains("lone surrogate U+D83D")
			.contains("code unit 0");
		// a low surrogate with nothing before it
		assertThat(reason(MoDecoder.decode(hex("4E95DE00"), UCS2, PLAIN))).contains("lone surrogate U+DE00")
			.contains("code unit 1");
		// a high surrogate ending a whole message
		assertThat(reason(MoDecoder.decode(hex("4E95D83D"), UCS2, PLAIN))).contains("U+D83D");
	}

	@Test
	void readsTheThreePartsOfAUcs2MessageWithAnEightBitReference() {
		String text = "饭馆油烟直排熏得受不了。".repeat(15);
		List<byte[]> parts = ucs2Parts(text, 67, "0500037B03");
		assertThat(parts).hasSize(3);
		StringBuilder joined = new StringBuilder();
		for (int i = 0; i < parts.size(); i++) {
			MoMessage part = decoded(MoDecoder.decode(parts.get(i), UCS2, UDHI));
			assertThat(part.concatenation()).isEqualTo(new Concatenation(0x7B, 3, i + 1, Source.UDH_8BIT));
			assertThat(part.concatenation().sixteenBitReference()).isFalse();
			assertThat(part.isPart()).isTrue();
			joined.append(part.text());
		}
		assertThat(joined).hasToString(text);
	}

	@Test
	void readsAMessageWithASixteenBitReference() {
		String text = "小区门口路灯不亮😀已经三天了";
		List<byte[]> parts = ucs2Parts(text, 8, "060804BEEF02");
		MoMessage first = decoded(MoDecoder.decode(parts.get(0), UCS2, UDHI));
		MoMessage second = decoded(MoDecoder.decode(parts.get(1), UCS2, UDHI));
		assertThat(first.concatenation()).isEqualTo(new Concatenation(0xBEEF, 2, 1, Source.UDH_16BIT));
		assertThat(second.concatenation()).isEqualTo(new Concatenation(0xBEEF, 2, 2, Source.UDH_16BIT));
		assertThat(first.concatenation().sixteenBitReference()).isTrue();
		assertThat(first.text() + second.text()).isEqualTo(text);
	}

	@Test
	void allowsASurrogatePairSplitBetweenParts() {
		// 7 units: the pair of 😀 straddles the cut after the 7th unit
		String text = "路灯不亮了啊😀好";
		assertThat(text.charAt(6)).matches(Character::isHighSurrogate);
		List<byte[]> parts = ucs2Parts(text, 7, "0500030902");
		MoMessage first = decoded(MoDecoder.decode(parts.get(0), UCS2, UDHI));
		MoMessage second = decoded(MoDecoder.decode(parts.get(1), UCS2, UDHI));
		assertThat(first.text() + second.text()).isEqualTo(text);
		// but not at the end of the last part, nor at the start of the first
		assertThat(reason(MoDecoder.decode(hex("0500030902" + "02" + "4E95D83D"), UCS2, UDHI))).contains("U+D83D");
		assertThat(reason(MoDecoder.decode(hex("0500030902" + "01" + "DE004E95"), UCS2, UDHI))).contains("U+DE00");
	}

	@Test
	void readsConcatenationFromSarTlvsWhenThereIsNoHeader() {
		MoMessage message = decoded(
				MoDecoder.decode(hex("4E95"), UCS2, PLAIN, OptionalParameters.newSarMsgRefNum((short) 0xA1B2),
						OptionalParameters.newSarTotalSegments(3), OptionalParameters.newSarSegmentSeqnum(2)));
		assertThat(message.text()).isEqualTo("井");
		assertThat(message.concatenation()).isEqualTo(new Concatenation(0xA1B2, 3, 2, Source.SAR));
		assertThat(message.concatenation().sixteenBitReference()).isTrue();
	}

	@Test
	void prefersTheHeaderToSarTlvs() {
		MoMessage message = decoded(MoDecoder.decode(hex("050003070201" + "4E95"), UCS2, UDHI,
				OptionalParameters.newSarMsgRefNum((short) 0x0101), OptionalParameters.newSarTotalSegments(4),
				OptionalParameters.newSarSegmentSeqnum(4)));
		assertThat(message.concatenation()).isEqualTo(new Concatenation(0x07, 2, 1, Source.UDH_8BIT));
	}

	@Test
	void usesSarTlvsWhenTheHeaderHasNoConcatenationElement() {
		// a header with only a text-formatting element (0x0A)
		MoMessage message = decoded(MoDecoder.decode(hex("050A03000500" + "4E95"), UCS2, UDHI,
				OptionalParameters.newSarMsgRefNum((short) 9), OptionalParameters.newSarTotalSegments(2),
				OptionalParameters.newSarSegmentSeqnum(1)));
		assertThat(message.text()).isEqualTo("井");
		assertThat(message.concatenation()).isEqualTo(new Concatenation(9, 2, 1, Source.SAR));
	}

	@Test
	void rejectsIncompleteSarTlvs() {
		assertThat(reason(MoDecoder.decode(hex("4E95"), UCS2, PLAIN, OptionalParameters.newSarMsgRefNum((short) 1),
				OptionalParameters.newSarSegmentSeqnum(1))))
			.contains("SAR TLVs are incomplete")
			.contains("sar_total_segments missing");
	}

	@Test
	void skipsUnknownHeaderElements() {
		// text formatting (0x0A) and a proprietary element (0x70) around the
		// concatenation
		MoMessage message = decoded(
				MoDecoder.decode(hex("0D" + "0A03000500" + "0003110302" + "7001FF" + "4E95"), UCS2, UDHI));
		assertThat(message.text()).isEqualTo("井");
		assertThat(message.concatenation()).isEqualTo(new Concatenation(0x11, 3, 2, Source.UDH_8BIT));
	}

	@Test
	void takesAOnePartConcatenationAsAWholeMessage() {
		MoMessage message = decoded(MoDecoder.decode(hex("050003420101" + "4E95"), UCS2, UDHI));
		assertThat(message.concatenation()).isNull();
		assertThat(message.text()).isEqualTo("井");
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource({ "no parts, 050003420001, 0 parts", "too many parts, 050003421101, 17 parts",
			"part 0, 050003420300, part 0 of 3", "part beyond the total, 050003420304, part 4 of 3",
			"16-bit reference part 0, 06080412340500, part 0 of 5" })
	void rejectsAbsurdConcatenationHeaders(String name, String header, String reason) {
		assertThat(reason(MoDecoder.decode(hex(header + "4E95"), UCS2, UDHI))).contains("concatenation header")
			.contains(reason);
	}

	@Test
	void rejectsAbsurdSarValues() {
		assertThat(reason(MoDecoder.decode(hex("4E95"), UCS2, PLAIN, OptionalParameters.newSarMsgRefNum((short) 1),
				OptionalParameters.newSarTotalSegments(200), OptionalParameters.newSarSegmentSeqnum(1))))
			.contains("SAR TLVs")
			.contains("200 parts");
		assertThat(reason(MoDecoder.decode(hex("4E95"), UCS2, PLAIN, OptionalParameters.newSarMsgRefNum((short) 1),
				OptionalParameters.newSarTotalSegments(2), OptionalParameters.newSarSegmentSeqnum(3))))
			.contains("part 3 of 2");
	}

	@Test
	void rejectsBrokenHeaders() {
		assertThat(reason(MoDecoder.decode(hex("0A000302"), UCS2, UDHI))).contains("header length 10")
			.contains("3 octets");
		assertThat(reason(MoDecoder.decode(new byte[0], UCS2, UDHI))).contains("empty");
		// the element claims 5 octets in a 4-octet header
		assertThat(reason(MoDecoder.decode(hex("0400050102" + "4E95"), UCS2, UDHI))).contains("runs beyond the header");
		// a header of one octet cannot hold an identifier and a length
		assertThat(reason(MoDecoder.decode(hex("0100" + "4E95"), UCS2, UDHI))).contains("ends inside");
		assertThat(reason(MoDecoder.decode(hex("0400020102" + "4E95"), UCS2, UDHI)))
			.contains("concatenation element 0x00 has 2 octets of data instead of 3");
	}

	@Test
	void readsTheMessagePayloadTlvWhenShortMessageIsEmpty() {
		byte[] payload = CHINESE_WITH_EMOJI.getBytes(StandardCharsets.UTF_16BE);
		OptionalParameter messagePayload = new OptionalParameter.OctetString(Tlvs.MESSAGE_PAYLOAD, payload);
		assertThat(decoded(MoDecoder.decode(new byte[0], UCS2, PLAIN, messagePayload)).text())
			.isEqualTo(CHINESE_WITH_EMOJI);
		assertThat(decoded(MoDecoder.decode(null, UCS2, PLAIN, messagePayload)).text()).isEqualTo(CHINESE_WITH_EMOJI);
		assertThat(reason(MoDecoder.decode(hex("4E95"), UCS2, PLAIN, messagePayload))).contains("both");
	}

	@Test
	void takesNoTextAsAnEmptyMessage() {
		assertThat(decoded(MoDecoder.decode(new byte[0], GSM7, PLAIN)).text()).isEmpty();
	}

	@ParameterizedTest
	@CsvSource({ "04, SMSC delivery receipt", "44, SMSC delivery receipt", "08, SME delivery acknowledgement",
			"20, intermediate delivery notification" })
	void leavesOtherMessageTypesAlone(String esmClass, String what) {
		assertThat(reason(MoDecoder.decode(hex("6F6B"), GSM7, (byte) Integer.parseInt(esmClass, 16)))).contains(what)
			.contains("not a mobile-originated message");
	}

	@Test
	void decodesADeliverSmAsJsmppReadsItOffTheWire() throws Exception {
		byte[] pdu = new DefaultComposer().deliverSm(7, "", (byte) 1, (byte) 1, "13800138000", (byte) 0, (byte) 1,
				"12345", (byte) 0, (byte) 0, (byte) 0, (byte) 0, UCS2, "井盖丢了😀".getBytes(StandardCharsets.UTF_16BE),
				OptionalParameters.newSarMsgRefNum((short) 0x0102), OptionalParameters.newSarTotalSegments(2),
				OptionalParameters.newSarSegmentSeqnum(1));
		DeliverSm deliverSm = new DefaultDecomposer().deliverSm(pdu);
		MoMessage message = decoded(MoDecoder.decode(deliverSm));
		assertThat(message.text()).isEqualTo("井盖丢了😀");
		assertThat(message.concatenation()).isEqualTo(new Concatenation(0x0102, 2, 1, Source.SAR));
	}

	/**
	 * Cuts like a careless handset would, {@code unitsPerPart} UTF-16 units a part, pairs
	 * or not; each part gets the header (which ends with the part count) and its number.
	 */
	private static List<byte[]> ucs2Parts(String text, int unitsPerPart, String headerUpToTotal) {
		List<byte[]> parts = new ArrayList<>();
		for (int i = 0; i * unitsPerPart < text.length(); i++) {
			String segment = text.substring(i * unitsPerPart, Math.min(text.length(), (i + 1) * unitsPerPart));
			ByteArrayOutputStream part = new ByteArrayOutputStream();
			part.writeBytes(hex(headerUpToTotal));
			part.write(i + 1);
			// unit by unit: String.getBytes would replace half a surrogate pair
			for (char unit : segment.toCharArray()) {
				part.write(unit >>> 8);
				part.write(unit & 0xFF);
			}
			parts.add(part.toByteArray());
		}
		return parts;
	}

	static byte[] hex(String hex) {
		return HexFormat.of().parseHex(hex);
	}

	static <T> T decoded(DecodeResult<T> result) {
		assertThat(result).isInstanceOf(DecodeResult.Decoded.class);
		return ((DecodeResult.Decoded<T>) result).value();
	}

	static String reason(DecodeResult<?> result) {
		assertThat(result).isInstanceOf(DecodeResult.Invalid.class);
		return ((DecodeResult.Invalid<?>) result).reason();
	}

}
