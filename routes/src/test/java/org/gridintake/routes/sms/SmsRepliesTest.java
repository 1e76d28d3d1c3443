package org.gridintake.routes.sms;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class SmsRepliesTest {

	private static Map<String, String> complete() {
		Map<String, String> texts = new HashMap<>();
		for (SmsReplies.Reply reply : SmsReplies.Reply.values()) {
			texts.put(reply.key(), "text of " + reply.key());
		}
		texts.put("received", "已收到，编号{case_number}。");
		return texts;
	}

	@Test
	void rendersThePlaceholders() {
		assertThat(new SmsReplies(complete()).render(SmsReplies.Reply.RECEIVED,
				Map.of("case_number", "QH20260701-000001")))
			.isEqualTo("已收到，编号QH20260701-000001。");
	}

	@Test
	void aMissingReplyStopsStartUp() {
		Map<String, String> texts = complete();
		texts.remove("received-unlocated");
		assertThatIllegalArgumentException().isThrownBy(() -> new SmsReplies(texts))
			.withMessageContaining("received-unlocated");
	}

	@Test
	void aPlaceholderTheReplyCannotBeGivenStopsStartUp() {
		Map<String, String> texts = complete();
		texts.put("help", "编号{case_number}");
		assertThatIllegalArgumentException().isThrownBy(() -> new SmsReplies(texts)).withMessageContaining("help");
	}

}
