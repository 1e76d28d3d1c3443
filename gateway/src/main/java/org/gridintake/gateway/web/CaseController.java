package org.gridintake.gateway.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.gridintake.routes.casedraft.CaseDraft;
import org.gridintake.routes.casedraft.CaseNumber;
import org.gridintake.routes.casedraft.CaseStore;
import org.gridintake.routes.casedraft.CaseStore.CaseRecord;
import org.gridintake.routes.casedraft.ReportOrigin;
import org.gridintake.routes.geo.GridChain;
import org.gridintake.routes.geo.GridUnit;
import org.gridintake.routes.geo.LocationEvidence;
import org.gridintake.routes.geo.PlaceMatch;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * A case and its history, as residents, operators and the replay harness read it. The
 * reporter's number is always masked here.
 */
@RestController
class CaseController {

	private final CaseStore cases;

	CaseController(CaseStore cases) {
		this.cases = cases;
	}

	@GetMapping("/api/v1/cases/{caseNumber}")
	Mono<ResponseEntity<Object>> get(@PathVariable String caseNumber) {
		Optional<CaseNumber> number = CaseNumber.parse(caseNumber);
		if (number.isEmpty()) {
			return Mono.just(ApiErrors.of(HttpStatus.BAD_REQUEST, "case_number", "is not a case number"));
		}
		return Mono.fromCallable(() -> this.cases.find(number.get()))
			.subscribeOn(Schedulers.boundedElastic())
			.map((found) -> found.<ResponseEntity<Object>>map((record) -> ResponseEntity.ok(withMaster(record)))
				.orElseGet(() -> ApiErrors.of(HttpStatus.NOT_FOUND, "case_number", "no such case")));
	}

	/**
	 * The view with {@code merged_into}, the master's case number for a linked duplicate:
	 * clients know cases by number, not by the stored id.
	 */
	private Map<String, Object> withMaster(CaseRecord record) {
		Map<String, Object> view = view(record);
		java.util.UUID master = record.draft().masterCaseId();
		view.put("merged_into",
				(master != null) ? this.cases.findCaseNumber(master).map(CaseNumber::value).orElse(null) : null);
		return view;
	}

	static Map<String, Object> view(CaseRecord record) {
		CaseDraft draft = record.draft();
		Map<String, Object> view = new LinkedHashMap<>();
		view.put("case_number", draft.caseNumber().value());
		view.put("status", draft.status().name());
		view.put("status_name", draft.status().chineseName());
		view.put("channel", draft.channel().code());
		view.put("received_at", draft.receivedAt().toString());
		view.put("description", draft.description());
		view.put("category", draft.categoryCode());
		view.put("address", draft.address());
		view.put("location", (draft.location() != null)
				? Map.of("lon", draft.location().lon(), "lat", draft.location().lat(), "crs", "wgs84") : null);
		if (draft.reportedPoint() != null) {
			Map<String, Object> reported = new LinkedHashMap<>();
			reported.put("lon", draft.reportedPoint().point().lon());
			reported.put("lat", draft.reportedPoint().point().lat());
			reported.put("crs", draft.reportedPoint().crs().code());
			reported.put("accuracy_m", draft.reportedPoint().accuracyMeters());
			view.put("reported_location", reported);
		}
		view.put("located", draft.isLocated());
		view.put("location_evidence", evidence(draft.locationEvidence()));
		view.put("grid", draft.gridChain().map(CaseController::chain).orElse(null));
		view.put("grid_registry_version", draft.gridRegistryVersion());
		view.put("near_edge_alternative_grid",
				(draft.alternativeGrid() != null) ? unit(draft.alternativeGrid()) : null);
		if (draft.route() != null) {
			Map<String, Object> route = new LinkedHashMap<>();
			route.put("platform_id", draft.route().platformId());
			route.put("level", draft.route().level().code());
			route.put("area_code", draft.route().areaCode());
			route.put("triage", draft.route().triage());
			route.put("rule", draft.route().rule());
			route.put("priority", draft.route().priority().name());
			view.put("route", route);
		}
		view.put("platform_case_id", draft.platformCaseId());
		view.put("master_case_id", draft.masterCaseId());
		view.put("reports", record.reports());
		Map<String, Integer> mix = new java.util.TreeMap<>();
		record.channelMix().forEach((channel, count) -> mix.put(channel.code(), count));
		view.put("channel_mix", mix);
		Map<String, Object> reporter = new LinkedHashMap<>();
		reporter.put("mobile", draft.reporter().contact().map((mobile) -> mobile.masked()).orElse(null));
		reporter.put("sms_allowed", draft.reporter().smsAllowed());
		view.put("reporter", reporter);
		ReportOrigin origin = (draft.origin() != null) ? draft.origin() : ReportOrigin.RESIDENT;
		view.put("filed_by", origin.filer().name().toLowerCase(java.util.Locale.ROOT));
		view.put("filer_id", origin.filerId());
		view.put("taken_at", (origin.takenAt() != null) ? origin.takenAt().toString() : null);
		view.put("outside_area", origin.outsideArea());
		view.put("media_urls", origin.mediaUrls());
		List<Map<String, Object>> history = record.history().stream().map((event) -> {
			Map<String, Object> entry = new LinkedHashMap<>();
			entry.put("status", event.status().name());
			entry.put("at", event.at().toString());
			entry.put("source", event.source());
			entry.put("note", event.note());
			return entry;
		}).toList();
		view.put("history", history);
		return view;
	}

	private static Map<String, Object> evidence(LocationEvidence evidence) {
		if (evidence == null) {
			return null;
		}
		Map<String, Object> view = new LinkedHashMap<>();
		view.put("source", evidence.source().name().toLowerCase(java.util.Locale.ROOT));
		PlaceMatch match = evidence.match();
		if (match != null) {
			Map<String, Object> place = new LinkedHashMap<>();
			place.put("kind", match.kind().name().toLowerCase(java.util.Locale.ROOT));
			place.put("matched_text", match.matchedText());
			place.put("place_name", match.placeName());
			place.put("confidence", match.confidence());
			view.put("place", place);
		}
		view.put("address_distance_m", evidence.addressDistanceMeters());
		view.put("address_mismatch", evidence.addressMismatch());
		return view;
	}

	private static Map<String, Object> chain(GridChain chain) {
		Map<String, Object> view = new LinkedHashMap<>();
		view.put("district", unit(chain.district()));
		view.put("street", unit(chain.street()));
		view.put("community", unit(chain.community()));
		view.put("grid", unit(chain.grid()));
		return view;
	}

	private static Map<String, Object> unit(GridUnit unit) {
		return Map.of("code", unit.code(), "name", unit.name());
	}

}
