package org.gridintake.adapters.sms;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class GsmAlphabetTest {

	@Test
	void plainAsciiLettersDigitsAndPunctuationAreGsm() {
		assertThat(GsmAlphabet.canEncode("Case GD-2024-0001 closed. Thanks! (ok?) 100% @home")).isTrue();
	}

	@Test
	void extensionCharactersAreGsmAndCountTwice() {
		assertThat(GsmAlphabet.canEncode("{[~]}|^\\€\f")).isTrue();
		assertThat(GsmAlphabet.septetCount("a{b")).isEqualTo(4);
		assertThat(GsmAlphabet.septetCount("€")).isEqualTo(2);
	}

	@Test
	void chineseFullWidthAndEmojiAreNotGsm() {
		assertThat(GsmAlphabet.canEncode("您好")).isFalse();
		assertThat(GsmAlphabet.canEncode("ok，")).isFalse();
		assertThat(GsmAlphabet.canEncode("ok 😀")).isFalse();
		// neither a backtick nor a lower-case c-cedilla has a place in the default table
		assertThat(GsmAlphabet.canEncode("`")).isFalse();
		assertThat(GsmAlphabet.canEncode("ç")).isFalse();
	}

	@Test
	void encodesOneSeptetPerOctetAtTheTablePositions() {
		assertThat(GsmAlphabet.encodeUnpacked("@£$¥ÇΔ_ !¤A§¿aà\n\r")).containsExactly(0x00, 0x01, 0x02, 0x03, 0x09,
				0x10, 0x11, 0x20, 0x21, 0x24, 0x41, 0x5F, 0x60, 0x61, 0x7F, 0x0A, 0x0D);
	}

	@Test
	void encodesExtensionCharactersAfterTheEscape() {
		assertThat(GsmAlphabet.encodeUnpacked("{€}")).containsExactly(0x1B, 0x28, 0x1B, 0x65, 0x1B, 0x29);
	}

	@Test
	void refusesToEncodeWhatIsNotInTheAlphabet() {
		assertThatIllegalArgumentException().isThrownBy(() -> GsmAlphabet.encodeUnpacked("好"))
			.withMessageContaining("U+597D");
	}

}
