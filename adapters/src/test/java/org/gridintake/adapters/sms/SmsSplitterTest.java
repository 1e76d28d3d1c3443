package org.gridintake.adapters.sms;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class SmsSplitterTest {

	@Test
	void shortAsciiIsOneGsmPartWithoutHeader() {
		SmsSplitter.Split split = SmsSplitter.split("Your case is closed.", 7);
		assertThat(split.dataCoding()).isEqualTo(SmsSplitter.DATA_CODING_GSM7);
		assertThat(split.concatenated()).isFalse();
		assertThat(split.payloads()).singleElement()
			.isEqualTo("Your case is closed.".getBytes(StandardCharsets.US_ASCII));
	}

	@Test
	void exactly160SeptetsStillFitOneGsmPart() {
		assertThat(SmsSplitter.split("a".repeat(160), 0).payloads()).hasSize(1);
		assertThat(SmsSplitter.split("a".repeat(158) + "€", 0).payloads()).hasSize(1);
		assertThat(SmsSplitter.split("a".repeat(159) + "€", 0).payloads()).hasSize(2);
	}

	@Test
	void longGsmTextIsCutInto153SeptetParts() {
		List<String> segments = SmsSplitter.gsm7Segments("x".repeat(161));
		assertThat(segments).extracting(String::length).containsExactly(153, 8);
	}

	@Test
	void extensionCharacterIsNotCutFromItsEscape() {
		// 152 basic septets, then an extension character that needs 2 septets
		List<String> segments = SmsSplitter.gsm7Segments("x".repeat(152) + "€" + "y".repeat(10));
		assertThat(segments).containsExactly("x".repeat(152), "€" + "y".repeat(10));
		assertThat(segments)
			.allSatisfy((segment) -> assertThat(GsmAlphabet.septetCount(segment)).isLessThanOrEqualTo(153));
	}

	@Test
	void shortChineseIsOneUcs2Part() {
		SmsSplitter.Split split = SmsSplitter.split("您的诉件已受理", 1);
		assertThat(split.dataCoding()).isEqualTo(SmsSplitter.DATA_CODING_UCS2);
		assertThat(split.payloads()).singleElement().isEqualTo("您的诉件已受理".getBytes(StandardCharsets.UTF_16BE));
	}

	@Test
	void seventyUcs2UnitsFitOnePartSeventyOneDoNot() {
		assertThat(SmsSplitter.split("字".repeat(70), 0).payloads()).hasSize(1);
		assertThat(SmsSplitter.split("字".repeat(71), 0).payloads()).hasSize(2);
	}

	@Test
	void oneHundredFiftyChineseCharactersAreThreeParts() {
		String text = "字".repeat(150);
		SmsSplitter.Split split = SmsSplitter.split(text, 0x1AB);
		assertThat(split.segments()).extracting(String::length).containsExactly(67, 67, 16);
		assertThat(String.join("", split.segments())).isEqualTo(text);
		for (int i = 0; i < 3; i++) {
			byte[] payload = split.payloads().get(i);
			// 05 00 03 ref total seq; only the low 8 bits of the reference travel
			assertThat(payload).startsWith(0x05, 0x00, 0x03, 0xAB, 3, i + 1);
			assertThat(payload.length).isLessThanOrEqualTo(140);
		}
	}

	@Test
	void surrogatePairIsNeverCutAcrossParts() {
		String text = "一".repeat(66) + "😀" + "二".repeat(20);
		List<String> segments = SmsSplitter.ucs2Segments(text);
		assertThat(segments).extracting(String::length).containsExactly(66, 22);
		assertThat(segments.get(1)).startsWith("😀");
		assertThat(String.join("", segments)).isEqualTo(text);
	}

	@Test
	void noPartEndsOnAHighSurrogateWhereverTheEmojiFalls() {
		for (int offset = 0; offset < 140; offset++) {
			String text = "中".repeat(offset) + "😀" + "文".repeat(140 - offset);
			List<String> segments = SmsSplitter.ucs2Segments(text);
			assertThat(String.join("", segments)).isEqualTo(text);
			assertThat(segments).allSatisfy((segment) -> {
				assertThat(segment.length()).isBetween(1, 67);
				assertThat(Character.isHighSurrogate(segment.charAt(segment.length() - 1))).isFalse();
				assertThat(Character.isLowSurrogate(segment.charAt(0))).isFalse();
			});
		}
	}

	@Test
	void oneNonGsmCharacterMakesTheWholeTextUcs2() {
		assertThat(SmsSplitter.split("Case closed 谢谢", 0).dataCoding()).isEqualTo(SmsSplitter.DATA_CODING_UCS2);
	}

	@Test
	void emptyTextIsOneEmptyPart() {
		assertThat(SmsSplitter.split("", 0).payloads()).singleElement().satisfies((p) -> assertThat(p).isEmpty());
	}

	@Test
	void textNeedingMoreThan255PartsIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> SmsSplitter.split("字".repeat(67 * 255 + 1), 0))
			.withMessageContaining("256 parts");
	}

}
