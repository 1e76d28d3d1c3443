package org.gridintake.routes.notify;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.gridintake.routes.casedraft.CaseNumber;
import org.gridintake.routes.casedraft.CaseStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class SmsTemplatesTest {

	private final SmsTemplates templates = new SmsTemplates(
			Map.of(CaseStatus.RESOLVED, "您反映的问题（编号{case_number}）{status}。{note}"));

	@Test
	void rendersTheCaseNumberStatusAndNote() {
		assertThat(this.templates.render(CaseStatus.RESOLVED, new CaseNumber("QH20260701-000123"), "井盖已更换"))
			.contains("您反映的问题（编号QH20260701-000123）已处置。井盖已更换");
	}

	@Test
	void aStatusWithoutATemplateSendsNothing() {
		assertThat(this.templates.render(CaseStatus.FORWARDED, new CaseNumber("QH20260701-000123"), null)).isEmpty();
	}

	@Test
	void aTemplateWithAnUnknownPlaceholderIsRefusedAtStartUp() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new SmsTemplates(Map.of(CaseStatus.CLOSED, "编号{caseNumber}已结案")))
			.withMessageContaining("{caseNumber}");
	}

}
