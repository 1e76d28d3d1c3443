package org.gridintake.routes.sms;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.gridintake.routes.casedraft.CaseNumber;

import static org.assertj.core.api.Assertions.assertThat;

class SmsCommandsTest {

	@ParameterizedTest
	@ValueSource(strings = { "退订", "TD", "td", "ＴＤ", " 退订。", "退订短信", "取消订阅", "0000", "stop" })
	void optOutInEveryCommonForm(String text) {
		assertThat(SmsCommands.read(text, false)).isInstanceOf(SmsCommand.Unsubscribe.class);
	}

	@ParameterizedTest
	@ValueSource(strings = { "订阅", "DY", "恢复", "恢复订阅！" })
	void optInAgain(String text) {
		assertThat(SmsCommands.read(text, false)).isInstanceOf(SmsCommand.Subscribe.class);
	}

	@Test
	void queriesWithAndWithoutACaseNumber() {
		assertThat(SmsCommands.read("查询", false)).isEqualTo(new SmsCommand.Query(null));
		assertThat(SmsCommands.read("cx", false)).isEqualTo(new SmsCommand.Query(null));
		assertThat(SmsCommands.read("查进度？", false)).isEqualTo(new SmsCommand.Query(null));
		assertThat(SmsCommands.read("CX QH20260701-000123", false))
			.isEqualTo(new SmsCommand.Query(new CaseNumber("QH20260701-000123")));
		assertThat(SmsCommands.read("查询ｑｈ２０２６０７０１－０００１２３", false))
			.isEqualTo(new SmsCommand.Query(new CaseNumber("QH20260701-000123")));
	}

	@Test
	void aReportThatMentionsACommandWordIsStillAReport() {
		assertThat(SmsCommands.read("请查询一下和平路12号的井盖为什么还没修", false))
			.isEqualTo(new SmsCommand.Report("请查询一下和平路12号的井盖为什么还没修"));
		assertThat(SmsCommands.read("订阅号推送的小广告贴满了楼道", false)).isInstanceOf(SmsCommand.Report.class);
	}

	@Test
	void ratingsOnlyWhileASurveyIsOpen() {
		assertThat(SmsCommands.read("1", true)).isEqualTo(new SmsCommand.Rating(1));
		assertThat(SmsCommands.read("３", true)).isEqualTo(new SmsCommand.Rating(3));
		assertThat(SmsCommands.read("不满意。", true)).isEqualTo(new SmsCommand.Rating(3));
		assertThat(((SmsCommand.Rating) SmsCommands.read("3", true)).dissatisfied()).isTrue();
		assertThat(SmsCommands.read("3", false)).isInstanceOf(SmsCommand.Unclear.class);
		assertThat(SmsCommands.read("??", false)).isInstanceOf(SmsCommand.Unclear.class);
	}

}
