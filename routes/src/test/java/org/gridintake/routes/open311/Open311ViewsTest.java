package org.gridintake.routes.open311;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import org.gridintake.routes.casedraft.CaseDraft;
import org.gridintake.routes.casedraft.CaseNumber;
import org.gridintake.routes.casedraft.CaseStatus;
import org.gridintake.routes.casedraft.CaseStore.CaseRecord;
import org.gridintake.routes.casedraft.Channel;
import org.gridintake.routes.casedraft.ChannelRef;
import org.gridintake.routes.casedraft.Mobile;
import org.gridintake.routes.casedraft.Reporter;
import org.gridintake.routes.casedraft.StatusEvent;
import org.gridintake.routes.geo.GeoPoint;
import org.gridintake.routes.geo.GridLevel;
import org.gridintake.routes.routing.Category;
import org.gridintake.routes.routing.Taxonomy;

import static org.assertj.core.api.Assertions.assertThat;

class Open311ViewsTest {

	private static final Instant RECEIVED = Instant.parse("2026-07-01T02:00:00.123Z");

	private final Open311Views views = new Open311Views(
			new Taxonomy(List.of(new Category("0101", "路灯故障", "component", GridLevel.COMMUNITY, List.of("路灯", "灯不亮")),
					new Category("1109", "餐饮油烟", "event", GridLevel.STREET, List.of("油烟")))),
			ZoneId.of("Asia/Shanghai"));

	@Test
	void categoriesAreServicesGroupedAsComponentsOrEvents() {
		assertThat(this.views.services()).containsExactly(
				Map.of("service_code", "0101", "service_name", "路灯故障", "description", "路灯故障", "metadata", false, "type",
						"realtime", "keywords", "路灯,灯不亮", "group", "部件"),
				Map.of("service_code", "1109", "service_name", "餐饮油烟", "description", "餐饮油烟", "metadata", false, "type",
						"realtime", "keywords", "油烟", "group", "事件"));
	}

	@Test
	void aCaseIsAServiceRequestWithItsDetailedStatusAndHistoryButNoPhone() {
		Map<String, Object> view = this.views.request(record(CaseStatus.DISPATCHED));
		assertThat(view).containsEntry("service_request_id", "QH20260701-000007")
			.containsEntry("status", "open")
			.containsEntry("status_notes", "网格员已出发")
			.containsEntry("service_name", "餐饮油烟")
			.containsEntry("service_code", "1109")
			.containsEntry("requested_datetime", "2026-07-01T10:00:00+08:00")
			.containsEntry("updated_datetime", "2026-07-01T10:30:00+08:00")
			.containsEntry("lat", 39.9)
			.containsEntry("long", 116.4)
			.containsEntry("detailed_status", "DISPATCHED");
		assertThat((List<?>) view.get("notes")).hasSize(2);
		assertThat(view.toString()).doesNotContain("13800138000");
		assertThat(view).containsEntry("media_url", null);
	}

	@Test
	void theFirstPhotoIsTheRequestsMediaUrl() {
		CaseRecord plain = record(CaseStatus.RECEIVED);
		CaseDraft draft = plain.draft();
		CaseDraft withPhotos = new CaseDraft(draft.id(), draft.caseNumber(), draft.channel(), draft.channelRef(),
				draft.receivedAt(), draft.reporter(), draft.description(), draft.categoryCode(), draft.location(),
				draft.reportedPoint(), draft.address(), draft.grid(), draft.gridRegistryVersion(),
				draft.alternativeGrid(), draft.locationEvidence(), draft.masterCaseId(), draft.status(), draft.route(),
				draft.platformCaseId(), org.gridintake.routes.casedraft.ReportOrigin
					.resident(List.of("https://gw.example.cn/media/1.jpg", "https://gw.example.cn/media/2.png")));
		assertThat(this.views.request(new CaseRecord(withPhotos, plain.history()))).containsEntry("media_url",
				"https://gw.example.cn/media/1.jpg");
	}

	@Test
	void onlyAClosedCaseIsClosed() {
		assertThat(this.views.request(record(CaseStatus.CLOSED))).containsEntry("status", "closed");
		assertThat(this.views.request(record(CaseStatus.RESOLVED))).containsEntry("status", "open");
	}

	@Test
	void jsonAndXmlCarryNoRawMarkup() {
		Map<String, Object> view = Map.of("description", "<script>alert('x')</script> & 油烟");
		String json = new Open311Formats(new ObjectMapper()).json(List.of(view));
		assertThat(json).doesNotContain("<", ">", "'").contains("\\u003Cscript\\u003E").contains("油烟");
		String xml = Open311Formats.xml("service_requests", "request", List.of(view));
		assertThat(xml).isEqualTo("<?xml version=\"1.0\" encoding=\"UTF-8\"?><service_requests><request>"
				+ "<description>&lt;script&gt;alert(&apos;x&apos;)&lt;/script&gt; &amp; 油烟</description>"
				+ "</request></service_requests>");
	}

	@Test
	void errorsHaveTheSpecsShapeInBothFormats() {
		List<Open311Error> errors = List.of(new Open311Error(400, "lat: must be a decimal number"));
		assertThat(new Open311Formats(new ObjectMapper()).errorsJson(errors))
			.isEqualTo("[{\"code\":400,\"description\":\"lat: must be a decimal number\"}]");
		assertThat(Open311Formats.errorsXml(errors))
			.isEqualTo("<?xml version=\"1.0\" encoding=\"UTF-8\"?><errors><error>"
					+ "<code>400</code><description>lat: must be a decimal number</description></error></errors>");
	}

	private static CaseRecord record(CaseStatus status) {
		CaseDraft draft = new CaseDraft(UUID.randomUUID(), new CaseNumber("QH20260701-000007"), Channel.PORTAL,
				new ChannelRef("k", ChannelRef.Kind.CHANNEL), RECEIVED,
				new Reporter(Mobile.parse("13800138000").orElseThrow(), true), "油烟", "1109", new GeoPoint(116.4, 39.9),
				null, "双榆街115号", null, null, null, null, null, status, null, null,
				org.gridintake.routes.casedraft.ReportOrigin.RESIDENT);
		return new CaseRecord(draft, List.of(new StatusEvent(CaseStatus.RECEIVED, RECEIVED, "gateway", "已受理"),
				new StatusEvent(status, Instant.parse("2026-07-01T02:30:00Z"), "platform:qh-streets", "网格员已出发")));
	}

}
