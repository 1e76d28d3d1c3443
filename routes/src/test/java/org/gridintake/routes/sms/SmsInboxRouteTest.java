package org.gridintake.routes.sms;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SmsInboxRouteTest {

	private static InboxMessage text(long id, String sender, String text) {
		return new InboxMessage(id, sender, "12345", text, false,
				Instant.parse("2026-07-01T04:00:00Z").plusSeconds(id));
	}

	@Test
	void aResidentsTextsStayTogetherInTheOrderTheyCameWhileResidentsAreActedOnSideBySide() {
		InboxMessage report = text(1, "13800138001", "路灯坏了");
		InboxMessage other = text(2, "13900139002", "井盖松动");
		InboxMessage address = text(3, "13800138001", "和平路12号");

		assertThat(SmsInboxRoute.bySender(List.of(report, other, address))).containsExactly(List.of(report, address),
				List.of(other));
	}

}
