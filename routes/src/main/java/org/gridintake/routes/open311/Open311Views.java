package org.gridintake.routes.open311;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.gridintake.routes.casedraft.CaseDraft;
import org.gridintake.routes.casedraft.CaseStatus;
import org.gridintake.routes.casedraft.CaseStore.CaseRecord;
import org.gridintake.routes.casedraft.StatusEvent;
import org.gridintake.routes.routing.Category;
import org.gridintake.routes.routing.Taxonomy;

/**
 * Cases and categories in the GeoReport v2 vocabulary. The reporter's contact is never
 * part of a view: Open311 reads are public.
 */
public class Open311Views {

	private static final DateTimeFormatter W3C = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

	private final Taxonomy taxonomy;

	private final ZoneId zone;

	public Open311Views(Taxonomy taxonomy, ZoneId zone) {
		this.taxonomy = taxonomy;
		this.zone = zone;
	}

	public List<Map<String, Object>> services() {
		return this.taxonomy.all().stream().map(Open311Views::service).toList();
	}

	private static Map<String, Object> service(Category category) {
		Map<String, Object> view = new LinkedHashMap<>();
		view.put("service_code", category.code());
		view.put("service_name", category.name());
		view.put("description", category.name());
		view.put("metadata", false);
		view.put("type", "realtime");
		view.put("keywords", String.join(",", category.keywords()));
		view.put("group", "component".equals(category.kind()) ? "部件" : "事件");
		return view;
	}

	/**
	 * The spec's two states; everything short of closure is still open for the resident.
	 */
	public static String openOrClosed(CaseStatus status) {
		return (status == CaseStatus.CLOSED) ? "closed" : "open";
	}

	public Map<String, Object> request(CaseRecord record) {
		CaseDraft draft = record.draft();
		StatusEvent latest = record.history().isEmpty() ? null : record.history().get(record.history().size() - 1);
		Map<String, Object> view = new LinkedHashMap<>();
		view.put("service_request_id", draft.caseNumber().value());
		view.put("status", openOrClosed(draft.status()));
		view.put("status_notes", (latest != null) ? latest.note() : null);
		view.put("service_name", this.taxonomy.find(draft.categoryCode()).map(Category::name).orElse(null));
		view.put("service_code", draft.categoryCode());
		view.put("description", draft.description());
		view.put("agency_responsible", (draft.route() != null) ? draft.route().platformId() : null);
		view.put("requested_datetime", datetime(draft.receivedAt()));
		view.put("updated_datetime", datetime((latest != null) ? latest.at() : draft.receivedAt()));
		view.put("address", draft.address());
		view.put("lat", (draft.location() != null) ? draft.location().lat() : null);
		view.put("long", (draft.location() != null) ? draft.location().lon() : null);
		// the spec has one photo per request; the first is the one the reporter led with
		List<String> photos = (draft.origin() != null) ? draft.origin().mediaUrls() : List.of();
		view.put("media_url", photos.isEmpty() ? null : photos.get(0));
		view.put("detailed_status", draft.status().name());
		view.put("notes", record.history().stream().map(this::note).toList());
		return view;
	}

	private Map<String, Object> note(StatusEvent event) {
		Map<String, Object> view = new LinkedHashMap<>();
		view.put("status", event.status().name());
		view.put("status_name", event.status().chineseName());
		view.put("datetime", datetime(event.at()));
		view.put("text", event.note());
		return view;
	}

	public String datetime(Instant instant) {
		return W3C.format(instant.truncatedTo(ChronoUnit.SECONDS).atZone(this.zone).toOffsetDateTime());
	}

}
