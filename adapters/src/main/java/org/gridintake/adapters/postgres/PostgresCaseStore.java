package org.gridintake.adapters.postgres;

import java.sql.Timestamp;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.gridintake.routes.casedraft.CaseDraft;
import org.gridintake.routes.casedraft.CaseNumber;
import org.gridintake.routes.casedraft.CaseQuery;
import org.gridintake.routes.casedraft.CaseStatus;
import org.gridintake.routes.casedraft.CaseStore;
import org.gridintake.routes.casedraft.Mobile;
import org.gridintake.routes.casedraft.NewCase;
import org.gridintake.routes.casedraft.ReportOrigin;
import org.gridintake.routes.casedraft.Reporter;
import org.gridintake.routes.casedraft.StatusChange;
import org.gridintake.routes.casedraft.StatusEvent;
import org.gridintake.routes.casedraft.StatusUpdateResult;
import org.gridintake.routes.casedraft.StatusTransition;
import org.gridintake.routes.geo.GridChain;
import org.gridintake.routes.geo.LocationEvidence;
import org.gridintake.routes.geo.PlaceMatch;
import org.gridintake.routes.notify.OutboundText;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

class PostgresCaseStore implements CaseStore {

	private final JdbcClient jdbc;

	private final TransactionTemplate tx;

	PostgresCaseStore(JdbcClient jdbc, TransactionTemplate tx) {
		this.jdbc = jdbc;
		this.tx = tx;
	}

	@Override
	public long nextSerial() {
		return this.jdbc.sql("select nextval('case_serial')").query(Long.class).single();
	}

	@Override
	public RecordOutcome record(NewCase newCase) {
		return this.tx.execute((status) -> {
			CaseDraft draft = newCase.draft();
			if (!insertCase(draft)) {
				return new RecordOutcome.AlreadyStored(existingNumber(draft));
			}
			this.jdbc.sql("insert into raw_message (case_id, content_type, body) values (?, ?, ?)")
				.params(draft.id(), newCase.raw().contentType(), newCase.raw().body())
				.update();
			for (StatusEvent event : newCase.history()) {
				insertEvent(draft.id(), event);
			}
			if (newCase.forwardToPlatformId() != null) {
				this.jdbc.sql("""
						insert into forward_outbox (case_id, platform_id, idempotency_key, next_attempt_at)
						values (?, ?, ?, coalesce(?, now()))""")
					.params(draft.id(), newCase.forwardToPlatformId(),
							draft.caseNumber().value() + "/" + newCase.forwardToPlatformId() + "/new",
							(newCase.forwardNotBefore() != null) ? Timestamp.from(newCase.forwardNotBefore()) : null)
					.update();
			}
			return new RecordOutcome.Stored(draft.caseNumber());
		});
	}

	/**
	 * False when the channel reference is already stored; the insert then did nothing.
	 */
	private boolean insertCase(CaseDraft draft) {
		GridChain chain = draft.grid();
		LocationEvidence evidence = (draft.locationEvidence() != null) ? draft.locationEvidence()
				: LocationEvidence.none(null);
		return this.jdbc
			.sql("""
					insert into report_case (%s, updated_at)
					values (:id, :caseNumber, :channel, :channelRef, :channelRefKind, :receivedAt, :mobile, :smsAllowed,
					        :description, :category, :lon, :lat, :reportedLon, :reportedLat, :reportedCrs, :reportedAccuracy,
					        :address, :districtCode, :districtName, :streetCode, :streetName, :communityCode, :communityName,
					        :gridCode, :gridName, :registryVersion, :masterCaseId, :status, :routePlatform, :routeLevel,
					        :routeArea, :routeRule, :routeTriage, :platformCaseId, :locationSource, :placeKind, :placeConfidence,
					       :placeText, :placeName, :placeStart, :placeEnd, :placeLon, :placeLat, :addressDistance,
					       :addressMismatch, :alternativeCode, :alternativeName, :filer, :filerId, :takenAt, :outsideArea,
					       :mediaUrls, now())
					on conflict (channel, channel_ref) where channel_ref_kind = 'CHANNEL' do nothing
					"""
				.formatted(CaseRows.CASE_COLUMNS))
			.param("id", draft.id())
			.param("caseNumber", draft.caseNumber().value())
			.param("channel", draft.channel().name())
			.param("channelRef", draft.channelRef().value())
			.param("channelRefKind", draft.channelRef().kind().name())
			.param("receivedAt", Timestamp.from(draft.receivedAt()))
			.param("mobile", draft.reporter().contact().map(Mobile::digits).orElse(null))
			.param("smsAllowed", draft.reporter().smsAllowed())
			.param("description", draft.description())
			.param("category", draft.categoryCode())
			.param("lon", (draft.location() != null) ? draft.location().lon() : null)
			.param("lat", (draft.location() != null) ? draft.location().lat() : null)
			.param("reportedLon", (draft.reportedPoint() != null) ? draft.reportedPoint().point().lon() : null)
			.param("reportedLat", (draft.reportedPoint() != null) ? draft.reportedPoint().point().lat() : null)
			.param("reportedCrs", (draft.reportedPoint() != null) ? draft.reportedPoint().crs().code() : null)
			.param("reportedAccuracy", (draft.reportedPoint() != null) ? draft.reportedPoint().accuracyMeters() : null)
			.param("address", draft.address())
			.param("districtCode", (chain != null) ? chain.district().code() : null)
			.param("districtName", (chain != null) ? chain.district().name() : null)
			.param("streetCode", (chain != null) ? chain.street().code() : null)
			.param("streetName", (chain != null) ? chain.street().name() : null)
			.param("communityCode", (chain != null) ? chain.community().code() : null)
			.param("communityName", (chain != null) ? chain.community().name() : null)
			.param("gridCode", (chain != null) ? chain.grid().code() : null)
			.param("gridName", (chain != null) ? chain.grid().name() : null)
			.param("registryVersion", draft.gridRegistryVersion())
			.param("masterCaseId", draft.masterCaseId())
			.param("status", draft.status().name())
			.param("routePlatform", (draft.route() != null) ? draft.route().platformId() : null)
			.param("routeLevel", (draft.route() != null) ? draft.route().level().code() : null)
			.param("routeArea", (draft.route() != null) ? draft.route().areaCode() : null)
			.param("routeRule", (draft.route() != null) ? draft.route().rule() : null)
			.param("routeTriage", (draft.route() != null) ? draft.route().triage() : null)
			.param("platformCaseId", draft.platformCaseId())
			.params(evidenceParams(evidence))
			.param("addressDistance", evidence.addressDistanceMeters())
			.param("addressMismatch", evidence.addressMismatch())
			.param("alternativeCode", (draft.alternativeGrid() != null) ? draft.alternativeGrid().code() : null)
			.param("alternativeName", (draft.alternativeGrid() != null) ? draft.alternativeGrid().name() : null)
			.params(originParams(draft.origin()))
			.update() == 1;
	}

	private static java.util.Map<String, Object> originParams(ReportOrigin origin) {
		ReportOrigin given = (origin != null) ? origin : ReportOrigin.RESIDENT;
		java.util.Map<String, Object> params = new java.util.HashMap<>();
		params.put("filer", given.filer().name());
		params.put("filerId", given.filerId());
		params.put("takenAt", (given.takenAt() != null) ? Timestamp.from(given.takenAt()) : null);
		params.put("outsideArea", given.outsideArea());
		params.put("mediaUrls", given.mediaUrls().toArray(String[]::new));
		return params;
	}

	private CaseNumber existingNumber(CaseDraft draft) {
		return new CaseNumber(this.jdbc.sql(
				"select case_number from report_case where channel = ? and channel_ref = ? and channel_ref_kind = 'CHANNEL'")
			.params(draft.channel().name(), draft.channelRef().value())
			.query(String.class)
			.single());
	}

	@Override
	public Optional<CaseRecord> find(CaseNumber caseNumber) {
		return this.jdbc.sql("select " + CaseRows.CASE_COLUMNS + " from report_case where case_number = ?")
			.param(caseNumber.value())
			.query(CaseRows::draft)
			.optional()
			.map(this::withHistory);
	}

	CaseRecord withHistory(CaseDraft draft) {
		List<StatusEvent> history = this.jdbc
			.sql("select status, at, source, note from status_event where case_id = ? order by id")
			.param(draft.id())
			.query(CaseRows::event)
			.list();
		int merged = this.jdbc.sql("select count(*) from report_case where master_case_id = ?")
			.param(draft.id())
			.query(Integer.class)
			.single();
		return new CaseRecord(draft, history, 1 + merged);
	}

	@Override
	public StatusUpdateResult transition(CaseNumber caseNumber, StatusTransition transition) {
		return this.tx.execute((status) -> {
			Optional<CaseDraft> locked = this.jdbc
				.sql("select " + CaseRows.CASE_COLUMNS + " from report_case where case_number = ? for update")
				.param(caseNumber.value())
				.query(CaseRows::draft)
				.optional();
			if (locked.isEmpty()) {
				return new StatusUpdateResult.Refused(StatusUpdateResult.Reason.NOT_FOUND,
						"no case " + caseNumber.value());
			}
			CaseDraft current = locked.get();
			StatusChange change = transition.decide(current, reporters(current.id()));
			if (change instanceof StatusChange.Unchanged unchanged) {
				return new StatusUpdateResult.Unchanged(caseNumber, unchanged.status());
			}
			if (change instanceof StatusChange.Refuse refuse) {
				return new StatusUpdateResult.Refused(refuse.reason(), refuse.message());
			}
			StatusChange.Move move = (StatusChange.Move) change;
			this.jdbc
				.sql("""
						update report_case set status = ?, platform_case_id = coalesce(?, platform_case_id), updated_at = now()
						where id = ?""")
				.params(move.event().status().name(), move.platformCaseId(), current.id())
				.update();
			insertEvent(current.id(), move.event());
			for (OutboundText text : move.texts()) {
				this.jdbc.sql("""
						insert into sms_outbox (case_id, mobile, body, kind, next_attempt_at)
						values (?, ?, ?, ?, coalesce(?, now()))""")
					.params(current.id(), text.to().digits(), text.text(), text.kind().name(),
							(text.notBefore() != null) ? Timestamp.from(text.notBefore()) : null)
					.update();
			}
			return new StatusUpdateResult.Applied(caseNumber, move.event().status(), move.texts().size());
		});
	}

	@Override
	public List<CaseRecord> search(CaseQuery query) {
		StringBuilder sql = new StringBuilder("select " + CaseRows.CASE_COLUMNS
				+ " from report_case where received_at >= :from and received_at <= :to");
		Map<String, Object> params = new HashMap<>();
		params.put("from", Timestamp.from(query.receivedFrom()));
		params.put("to", Timestamp.from(query.receivedTo()));
		if (!query.categoryCodes().isEmpty()) {
			sql.append(" and category_code = any(:categories)");
			params.put("categories", query.categoryCodes().toArray(String[]::new));
		}
		if (!query.statuses().isEmpty()) {
			sql.append(" and status = any(:statuses)");
			params.put("statuses", query.statuses().stream().map(CaseStatus::name).toArray(String[]::new));
		}
		// the case number breaks ties between cases received in the same microsecond, so
		// a listing is stable
		sql.append(" order by received_at desc, case_number desc limit :limit");
		params.put("limit", query.limit());
		List<CaseDraft> drafts = this.jdbc.sql(sql.toString()).params(params).query(CaseRows::draft).list();
		return withHistories(drafts);
	}

	/**
	 * The same as {@link #withHistory} for many cases, in two queries instead of two per
	 * case.
	 */
	private List<CaseRecord> withHistories(List<CaseDraft> drafts) {
		if (drafts.isEmpty()) {
			return List.of();
		}
		String[] ids = drafts.stream().map((draft) -> draft.id().toString()).toArray(String[]::new);
		Map<UUID, List<StatusEvent>> histories = new HashMap<>();
		this.jdbc.sql("""
				select case_id, status, at, source, note from status_event
				where case_id = any(cast(? as uuid[])) order by case_id, id""").param(ids).query((rs) -> {
			histories.computeIfAbsent(rs.getObject("case_id", UUID.class), (id) -> new java.util.ArrayList<>())
				.add(CaseRows.event(rs, 0));
		});
		Map<UUID, Integer> merged = new HashMap<>();
		this.jdbc.sql("""
				select master_case_id, count(*) as merged from report_case
				where master_case_id = any(cast(? as uuid[])) group by master_case_id""").param(ids).query((rs) -> {
			merged.put(rs.getObject("master_case_id", UUID.class), rs.getInt("merged"));
		});
		return drafts.stream()
			.map((draft) -> new CaseRecord(draft, List.copyOf(histories.getOrDefault(draft.id(), List.of())),
					1 + merged.getOrDefault(draft.id(), 0)))
			.toList();
	}

	@Override
	public List<CaseRecord> recentByReporter(Mobile mobile, int limit) {
		return this.jdbc
			.sql("select " + CaseRows.CASE_COLUMNS
					+ " from report_case where reporter_mobile = ? order by received_at desc limit ?")
			.params(mobile.digits(), limit)
			.query(CaseRows::draft)
			.list()
			.stream()
			.map(this::withHistory)
			.toList();
	}

	@Override
	public boolean relocate(CaseNumber caseNumber, Relocation relocation) {
		return Boolean.TRUE.equals(this.tx.execute((status) -> {
			Optional<UUID> id = this.jdbc
				.sql("select id from report_case where case_number = ? and status = 'UNLOCATED' for update")
				.param(caseNumber.value())
				.query(UUID.class)
				.optional();
			if (id.isEmpty()) {
				return false;
			}
			GridChain chain = relocation.grid().chain();
			this.jdbc.sql("""
					update report_case set status = 'LOCATED', lon = :lon, lat = :lat,
					  district_code = :districtCode, district_name = :districtName, street_code = :streetCode,
					  street_name = :streetName, community_code = :communityCode, community_name = :communityName,
					  grid_code = :gridCode, grid_name = :gridName, grid_registry_version = :registryVersion,
					  location_source = :locationSource, place_kind = :placeKind, place_confidence = :placeConfidence,
					  place_text = :placeText, place_name = :placeName, place_span_start = :placeStart,
					  place_span_end = :placeEnd, place_lon = :placeLon, place_lat = :placeLat,
					  route_platform_id = :routePlatform, route_level = :routeLevel, route_area_code = :routeArea,
					  route_rule = :routeRule, route_triage = :routeTriage, alternative_grid_code = :alternativeCode,
					  alternative_grid_name = :alternativeName, updated_at = now()
					where id = :id""")
				.param("lon", relocation.location().lon())
				.param("lat", relocation.location().lat())
				.param("districtCode", chain.district().code())
				.param("districtName", chain.district().name())
				.param("streetCode", chain.street().code())
				.param("streetName", chain.street().name())
				.param("communityCode", chain.community().code())
				.param("communityName", chain.community().name())
				.param("gridCode", chain.grid().code())
				.param("gridName", chain.grid().name())
				.param("registryVersion", relocation.grid().registryVersion())
				.params(evidenceParams(relocation.evidence()))
				.param("routePlatform", relocation.route().platformId())
				.param("routeLevel", relocation.route().level().code())
				.param("routeArea", relocation.route().areaCode())
				.param("routeRule", relocation.route().rule())
				.param("routeTriage", relocation.route().triage())
				.param("alternativeCode",
						relocation.grid().nearEdgeAlternative().map((alt) -> alt.grid().code()).orElse(null))
				.param("alternativeName",
						relocation.grid().nearEdgeAlternative().map((alt) -> alt.grid().name()).orElse(null))
				.param("id", id.get())
				.update();
			insertEvent(id.get(), relocation.event());
			int held = this.jdbc.sql("""
					update forward_outbox set platform_id = ?, next_attempt_at = now()
					where case_id = ? and state = 'PENDING'""")
				.params(relocation.route().platformId(), id.get())
				.update();
			if (held == 0) {
				this.jdbc.sql("insert into forward_outbox (case_id, platform_id, idempotency_key) values (?, ?, ?)")
					.params(id.get(), relocation.route().platformId(),
							caseNumber.value() + "/" + relocation.route().platformId() + "/relocated")
					.update();
			}
			return true;
		}));
	}

	/**
	 * How a case was located, as the named parameters both insert and relocation write.
	 */
	private static Map<String, Object> evidenceParams(LocationEvidence evidence) {
		PlaceMatch match = evidence.match();
		Map<String, Object> params = new HashMap<>();
		params.put("locationSource", evidence.source().name());
		params.put("placeKind", (match != null) ? match.kind().name() : null);
		params.put("placeConfidence", (match != null) ? match.confidence() : null);
		params.put("placeText", (match != null) ? match.matchedText() : null);
		params.put("placeName", (match != null) ? match.placeName() : null);
		params.put("placeStart", (match != null) ? match.start() : null);
		params.put("placeEnd", (match != null) ? match.end() : null);
		params.put("placeLon", (match != null) ? match.point().lon() : null);
		params.put("placeLat", (match != null) ? match.point().lat() : null);
		return params;
	}

	private List<Reporter> reporters(UUID caseId) {
		return this.jdbc.sql("""
				select c.reporter_mobile, c.sms_allowed and o.mobile is null as sms_allowed
				from report_case c left join sms_opt_out o on o.mobile = c.reporter_mobile
				where c.id = ? or c.master_case_id = ? order by c.received_at""")
			.params(caseId, caseId)
			.query((rs, rowNum) -> {
				String mobile = rs.getString("reporter_mobile");
				return new Reporter((mobile != null) ? new Mobile(mobile) : null, rs.getBoolean("sms_allowed"));
			})
			.list();
	}

	void insertEvent(UUID caseId, StatusEvent event) {
		this.jdbc.sql("insert into status_event (case_id, status, at, source, note) values (?, ?, ?, ?, ?)")
			.params(caseId, event.status().name(), Timestamp.from(event.at()), event.source(), event.note())
			.update();
	}

}
