package org.gridintake.routes.hotline;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.gridintake.routes.casedraft.CaseDraft;
import org.gridintake.routes.casedraft.CaseNumber;
import org.gridintake.routes.casedraft.CaseStatus;
import org.gridintake.routes.casedraft.Channel;
import org.gridintake.routes.casedraft.ChannelRef;
import org.gridintake.routes.casedraft.Mobile;
import org.gridintake.routes.casedraft.ReportOrigin;
import org.gridintake.routes.casedraft.Reporter;
import org.gridintake.routes.geo.GridChain;
import org.gridintake.routes.geo.GridLevel;
import org.gridintake.routes.geo.GridUnit;
import org.gridintake.routes.geo.LocationEvidence;
import org.gridintake.routes.routing.RouteDecision;

import static org.assertj.core.api.Assertions.assertThat;

class CallAmenderTest {

	private static final GridChain BEIXIN = chain("110199005", "北新街道", "110199005001029", "兴华社区第29网格");

	private static final GridChain DONGHUA = chain("110199001", "东华街道", "110199001003075", "融泽社区第75网格");

	@Test
	void theHistoryNamesEachChangeAndNeverAFullNumber() {
		CaseDraft before = draft("双榆街115号楼下", "1104", BEIXIN, "qh-streets", "13811112222");
		CaseDraft after = draft("幸福路123号", "1109", DONGHUA, "donghua-street", "13933334444");
		assertThat(CallAmender.changes(before, after)).containsExactly("address '双榆街115号楼下' → '幸福路123号'",
				"category 1104 → 1109", "caller 138****2222 → 139****4444",
				"grid 110199005001029 兴华社区第29网格 → 110199001003075 融泽社区第75网格", "platform qh-streets → donghua-street");
	}

	@Test
	void theSameLogChangesNothing() {
		CaseDraft draft = draft("双榆街115号楼下", "1104", BEIXIN, "qh-streets", "13811112222");
		assertThat(CallAmender.changes(draft, draft)).isEmpty();
		assertThat(CallAmender.changes(draft, draft("双榆街115号楼下", "1104", null, "qh-district", "13811112222")))
			.containsExactly("grid 110199005001029 兴华社区第29网格 → (unlocated)", "platform qh-streets → qh-district");
	}

	private static CaseDraft draft(String address, String category, GridChain chain, String platform, String mobile) {
		return new CaseDraft(UUID.fromString("00000000-0000-0000-0000-000000000001"),
				new CaseNumber("QH20260701-000001"), Channel.HOTLINE, new ChannelRef("CC-1", ChannelRef.Kind.CHANNEL),
				Instant.parse("2026-07-01T01:00:00Z"), new Reporter(new Mobile(mobile), true), "工地夜间施工噪音", category,
				null, null, address, chain, null, null, LocationEvidence.none(null), null, CaseStatus.LOCATED,
				new RouteDecision(platform, GridLevel.STREET, "110199", "rule", false), null,
				ReportOrigin.operator("OP016"));
	}

	private static GridChain chain(String street, String streetName, String grid, String gridName) {
		return new GridChain(new GridUnit("110199", "青河区", GridLevel.DISTRICT),
				new GridUnit(street, streetName, GridLevel.STREET),
				new GridUnit(grid.substring(0, 12), "社区", GridLevel.COMMUNITY),
				new GridUnit(grid, gridName, GridLevel.GRID));
	}

}
