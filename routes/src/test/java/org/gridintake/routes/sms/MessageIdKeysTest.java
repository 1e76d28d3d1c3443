package org.gridintake.routes.sms;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class MessageIdKeysTest {

	@ParameterizedTest
	@ValueSource(strings = { "0A1B2C", "0a1b2c", "A1B2C", "000a1B2c", "662316", "0000662316", " 662316 " })
	void matchesAHexIdInEveryFormAnSmscMayWriteItIn(String receiptId) {
		assertThat(MessageIdKeys.mayMatch("0A1B2C", receiptId)).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "0a1b2c", "0A1B2C", "A1B2C", "662316", "0000662316" })
	void matchesADecimalIdInEveryFormAnSmscMayWriteItIn(String receiptId) {
		assertThat(MessageIdKeys.mayMatch("662316", receiptId)).isTrue();
	}

	@ParameterizedTest
	// 663340 is 0x0A1F2C, a different message
	@ValueSource(strings = { "0A1B2D", "662317", "0662315", "A1B2C0", "663340", "0000663340" })
	void doesNotMatchOtherNumbers(String receiptId) {
		assertThat(MessageIdKeys.mayMatch("0A1B2C", receiptId)).isFalse();
	}

	@Test
	void keysAreTheLiteralFormThenTheDecimalThenTheHexReading() {
		assertThat(MessageIdKeys.matchKeys("0A1B2C")).containsExactly("s:0a1b2c", "n:662316");
		assertThat(MessageIdKeys.matchKeys("0000662316")).containsExactly("s:0000662316", "n:662316", "n:6693654");
	}

	@Test
	void matchesAnIdOfOtherCharactersOnlyToItselfInAnyCase() {
		String uuid = "550E8400-E29B-41D4-A716-446655440000";
		assertThat(MessageIdKeys.matchKeys(uuid)).containsExactly("s:550e8400-e29b-41d4-a716-446655440000");
		assertThat(MessageIdKeys.mayMatch(uuid, uuid.toLowerCase())).isTrue();
		assertThat(MessageIdKeys.mayMatch(uuid, "550E8400E29B41D4A716446655440000")).isFalse();
		assertThat(MessageIdKeys.mayMatch("msg-0A1B2C", "msg-663340")).isFalse();
	}

	@Test
	void handlesIdsLongerThanALong() {
		String hex = "FFFFFFFFFFFFFFFFFFFF";
		assertThat(MessageIdKeys.mayMatch(hex, "1208925819614629174706175")).isTrue();
	}

	@Test
	void aDigitStringHasBothReadings() {
		// the documented ambiguity: "10" may be ten or sixteen, so it meets "16" read as
		// decimal; the literal key comes first so that an exact match is preferred
		assertThat(MessageIdKeys.mayMatch("10", "16")).isTrue();
		assertThat(MessageIdKeys.matchKeys("10")).containsExactly("s:10", "n:10", "n:16");
	}

	@Test
	void aBlankIdMatchesNothing() {
		assertThat(MessageIdKeys.matchKeys(null)).isEmpty();
		assertThat(MessageIdKeys.matchKeys("  ")).isEmpty();
		assertThat(MessageIdKeys.mayMatch("", "")).isFalse();
	}

}
