package org.gridintake.adapters.postgres;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.gridintake.routes.casedraft.CaseDraft;
import org.gridintake.routes.casedraft.CaseNumber;
import org.gridintake.routes.casedraft.CaseQuery;
import org.gridintake.routes.casedraft.CaseStatus;
import org.gridintake.routes.casedraft.Channel;
import org.gridintake.routes.casedraft.CaseStore;
import org.gridintake.routes.casedraft.Channel;
import org.gridintake.routes.casedraft.ChannelRef;
import org.gridintake.routes.dedup.MergeEvidence;
import org.gridintake.routes.dedup.MergeLink;
import org.gridintake.routes.casedraft.Mobile;
import org.gridintake.routes.casedraft.NewCase;
import org.gridintake.routes.casedraft.ReportOrigin;
import org.gridintake.routes.casedraft.Reporter;
import org.gridintake.routes.casedraft.StatusChange;
import org.gridintake.routes.casedraft.StatusEvent;
import org.gridintake.routes.casedraft.StatusUpdateResult;
import org.gridintake.routes.casedraft.StatusTransition;
import org.gridintake.routes.geo.GeoPoint;
import org.gridintake.routes.geo.GridChain;
import org.gridintake.routes.geo.LocationEvidence;
import org.gridintake.routes.geo.PlaceMatch;
import org.gridintake.routes.notify.OutboundText;
import org.gridintake.routes.routing.RouteDecision;
import org.gridintake.routes.routing.RoutingReason;
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
			MergeLink link = newCase.mergeLink();
			String masterPlatform = null;
			if (link != null) {
				// the master is held until this commits, so it cannot close in between
				Optional<String> open = this.jdbc.sql("""
						select coalesce(route_platform_id, '') from report_case
						where id = ? and master_case_id is null and status not in ('RESOLVED', 'CLOSED', 'MERGED')
						for share""").param(link.masterId()).query(String.class).optional();
				if (open.isEmpty()) {
					return new RecordOutcome.MasterGone(link.masterNumber());
				}
				masterPlatform = open.get().isEmpty() ? null : open.get();
			}
			if (!insertCase(draft, draft.masterCaseId(), newCase)) {
				return new RecordOutcome.AlreadyStored(existingNumber(draft));
			}
			insertCaseDetails(draft, newCase, link == null && draft.masterCaseId() == null && draft.route() != null);
			if (link != null) {
				insertMergeLink(draft, link);
				if (masterPlatform != null) {
					queueMasterUpdate(link.masterId(), masterPlatform, link.masterNumber().value() + "/"
							+ masterPlatform + "/update/" + draft.caseNumber().value());
				}
			}
			return new RecordOutcome.Stored(draft.caseNumber(), (link != null) ? link.masterNumber() : null);
		});
	}

	/**
	 * The new case's raw message, history, first routing line and forward outbox entry in
	 * one statement: on the intake path every round trip to the database is paid by each
	 * report, inside its transaction.
	 */
	private void insertCaseDetails(CaseDraft draft, NewCase newCase, boolean routed) {
		List<String> writes = new ArrayList<>();
		List<Object> params = new ArrayList<>();
		if (!newCase.history().isEmpty()) {
			StringBuilder events = new StringBuilder(
					"events as (insert into status_event (case_id, status, at, source, note) values ");
			for (int i = 0; i < newCase.history().size(); i++) {
				StatusEvent event = newCase.history().get(i);
				// one multi-row insert numbers its rows in order: the history keeps its
				// order
				events.append((i > 0) ? ", " : "").append("(?, ?, ?, ?, ?)");
				params.addAll(Arrays.asList(draft.id(), event.status().name(), Timestamp.from(event.at()),
						event.source(), event.note()));
			}
			writes.add(events.append(")").toString());
		}
		if (routed) {
			RouteDecision route = draft.route();
			writes.add("routing as (insert into case_routing (case_id, platform_id, level, area_code, reason, rule, at)"
					+ " values (?, ?, ?, ?, ?, ?, ?))");
			params.addAll(Arrays.asList(draft.id(), route.platformId(), route.level().code(), route.areaCode(),
					(route.triage() ? RoutingReason.TRIAGE : RoutingReason.INITIAL).name(), route.rule(),
					Timestamp.from(draft.receivedAt())));
		}
		if (newCase.forwardToPlatformId() != null) {
			writes.add("outbox as (insert into forward_outbox (case_id, platform_id, idempotency_key, next_attempt_at)"
					+ " values (?, ?, ?, coalesce(cast(? as timestamptz), now())))");
			params.addAll(Arrays.asList(draft.id(), newCase.forwardToPlatformId(),
					draft.caseNumber().value() + "/" + newCase.forwardToPlatformId() + "/new",
					(newCase.forwardNotBefore() != null) ? Timestamp.from(newCase.forwardNotBefore()) : null));
		}
		params.addAll(Arrays.asList(draft.id(), newCase.raw().contentType(), newCase.raw().body()));
		this.jdbc
			.sql((writes.isEmpty() ? "" : "with " + String.join(", ", writes) + " ")
					+ "insert into raw_message (case_id, content_type, body) values (?, ?, ?)")
			.params(params)
			.update();
	}

	/**
	 * False when the channel reference is already stored; the insert then did nothing.
	 */
	private void insertMergeLink(CaseDraft duplicate, MergeLink link) {
		insertMergeLink(duplicate.id(), duplicate.receivedAt(), link);
	}

	void insertMergeLink(UUID duplicateId, java.time.Instant decidedAt, MergeLink link) {
		MergeEvidence evidence = link.evidence();
		this.jdbc.sql("""
				insert into case_merge (duplicate_id, master_id, decided_at, decided_by, distance_m, category_code,
				                        similarity, time_gap_s, door_evidence)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(duplicateId, link.masterId(), Timestamp.from(decidedAt), link.decidedBy(),
					(evidence != null) ? evidence.distanceMeters() : null,
					(evidence != null) ? evidence.categoryCode() : null,
					(evidence != null) ? evidence.similarity() : null,
					(evidence != null) ? evidence.timeGap().toSeconds() : null,
					(evidence != null) ? evidence.door().name() : null)
			.update();
	}

	/**
	 * The platform hears of the master's new report count once it has the case itself;
	 * until then the case goes out with the count as it is when sent.
	 */
	void queueMasterUpdate(UUID masterId, String platformId, String idempotencyKey) {
		this.jdbc.sql("""
				insert into forward_outbox (case_id, platform_id, idempotency_key, kind) values (?, ?, ?, 'UPDATE')
				on conflict (idempotency_key) do nothing""").params(masterId, platformId, idempotencyKey).update();
	}

	private boolean insertCase(CaseDraft draft) {
		return insertCase(draft, draft.masterCaseId(), null);
	}

	private boolean insertCase(CaseDraft draft, UUID masterCaseId) {
		return insertCase(draft, masterCaseId, null);
	}

	/**
	 * @param newCase what the case is stored with for merging; null when it takes no part
	 */
	private boolean insertCase(CaseDraft draft, UUID masterCaseId, NewCase newCase) {
		Map<String, Object> params = caseParams(draft);
		params.put("masterCaseId", masterCaseId);
		params.put("mergeState", (newCase != null && newCase.mergePending()) ? "PENDING" : "DECIDED");
		params.put("doorPlate",
				(newCase != null && newCase.mergeFeatures() != null) ? newCase.mergeFeatures().doorPlate() : null);
		params.put("problemText",
				(newCase != null && newCase.mergeFeatures() != null) ? newCase.mergeFeatures().problemText() : null);
		return this.jdbc
			.sql("""
					insert into report_case (%s, updated_at, merge_state, door_plate, problem_text)
					values (:id, :caseNumber, :channel, :channelRef, :channelRefKind, :receivedAt, :mobile, :smsAllowed,
					        :description, :category, :lon, :lat, :reportedLon, :reportedLat, :reportedCrs, :reportedAccuracy,
					        :address, :districtCode, :districtName, :streetCode, :streetName, :communityCode, :communityName,
					        :gridCode, :gridName, :registryVersion, :masterCaseId, :status, :routePlatform, :routeLevel,
					        :routeArea, :routeRule, :routeTriage, :platformCaseId, :locationSource, :placeKind, :placeConfidence,
					       :placeText, :placeName, :placeStart, :placeEnd, :placeLon, :placeLat, :addressDistance,
					       :addressMismatch, :alternativeCode, :alternativeName, :filer, :filerId, :takenAt, :outsideArea,
					       :mediaUrls, :priority, now(), :mergeState, :doorPlate, :problemText)
					on conflict (channel, channel_ref) where channel_ref_kind = 'CHANNEL' do nothing
					"""
				.formatted(CaseRows.CASE_COLUMNS))
			.params(params)
			.update() == 1;
	}

	/** A case as the named parameters its insert and its amendment write. */
	private static Map<String, Object> caseParams(CaseDraft draft) {
		GridChain chain = draft.grid();
		LocationEvidence evidence = (draft.locationEvidence() != null) ? draft.locationEvidence()
				: LocationEvidence.none(null);
		Map<String, Object> params = new HashMap<>();
		params.put("id", draft.id());
		params.put("caseNumber", draft.caseNumber().value());
		params.put("channel", draft.channel().name());
		params.put("channelRef", draft.channelRef().value());
		params.put("channelRefKind", draft.channelRef().kind().name());
		params.put("receivedAt", Timestamp.from(draft.receivedAt()));
		params.put("mobile", draft.reporter().contact().map(Mobile::digits).orElse(null));
		params.put("smsAllowed", draft.reporter().smsAllowed());
		params.put("description", draft.description());
		params.put("category", draft.categoryCode());
		params.put("lon", (draft.location() != null) ? draft.location().lon() : null);
		params.put("lat", (draft.location() != null) ? draft.location().lat() : null);
		params.put("reportedLon", (draft.reportedPoint() != null) ? draft.reportedPoint().point().lon() : null);
		params.put("reportedLat", (draft.reportedPoint() != null) ? draft.reportedPoint().point().lat() : null);
		params.put("reportedCrs", (draft.reportedPoint() != null) ? draft.reportedPoint().crs().code() : null);
		params.put("reportedAccuracy", (draft.reportedPoint() != null) ? draft.reportedPoint().accuracyMeters() : null);
		params.put("address", draft.address());
		params.put("districtCode", (chain != null) ? chain.district().code() : null);
		params.put("districtName", (chain != null) ? chain.district().name() : null);
		params.put("streetCode", (chain != null) ? chain.street().code() : null);
		params.put("streetName", (chain != null) ? chain.street().name() : null);
		params.put("communityCode", (chain != null) ? chain.community().code() : null);
		params.put("communityName", (chain != null) ? chain.community().name() : null);
		params.put("gridCode", (chain != null) ? chain.grid().code() : null);
		params.put("gridName", (chain != null) ? chain.grid().name() : null);
		params.put("registryVersion", draft.gridRegistryVersion());
		params.put("masterCaseId", draft.masterCaseId());
		params.put("status", draft.status().name());
		params.put("routePlatform", (draft.route() != null) ? draft.route().platformId() : null);
		params.put("routeLevel", (draft.route() != null) ? draft.route().level().code() : null);
		params.put("routeArea", (draft.route() != null) ? draft.route().areaCode() : null);
		params.put("routeRule", (draft.route() != null) ? draft.route().rule() : null);
		params.put("routeTriage", (draft.route() != null) ? draft.route().triage() : null);
		params.put("priority", (draft.route() != null) ? draft.route().priority().name() : "NORMAL");
		params.put("platformCaseId", draft.platformCaseId());
		params.putAll(evidenceParams(evidence));
		params.put("addressDistance", evidence.addressDistanceMeters());
		params.put("addressMismatch", evidence.addressMismatch());
		params.put("alternativeCode", (draft.alternativeGrid() != null) ? draft.alternativeGrid().code() : null);
		params.put("alternativeName", (draft.alternativeGrid() != null) ? draft.alternativeGrid().name() : null);
		params.putAll(originParams(draft.origin()));
		return params;
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
		return findByChannelRef(draft.channel(), draft.channelRef()).orElseThrow();
	}

	@Override
	public Optional<CaseNumber> findByChannelRef(Channel channel, ChannelRef ref) {
		if (ref.kind() != ChannelRef.Kind.CHANNEL) {
			throw new IllegalArgumentException("only a channel's own reference names one case, not " + ref);
		}
		return this.jdbc.sql(
				"select case_number from report_case where channel = ? and channel_ref = ? and channel_ref_kind = 'CHANNEL'")
			.params(channel.name(), ref.value())
			.query(String.class)
			.optional()
			.map(CaseNumber::new);
	}

	@Override
	public Optional<CaseRecord> find(CaseNumber caseNumber) {
		return this.jdbc.sql("select " + CaseRows.CASE_COLUMNS + " from report_case where case_number = ?")
			.param(caseNumber.value())
			.query(CaseRows::draft)
			.optional()
			.map(this::withHistory);
	}

	@Override
	public Optional<CaseNumber> findCaseNumber(java.util.UUID caseId) {
		return this.jdbc.sql("select case_number from report_case where id = ?")
			.param(caseId)
			.query(String.class)
			.optional()
			.map(CaseNumber::new);
	}

	CaseRecord withHistory(CaseDraft draft) {
		return withHistories(List.of(draft)).get(0);
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
	List<CaseRecord> withHistories(List<CaseDraft> drafts) {
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
		Map<UUID, Map<Channel, Integer>> mixes = new HashMap<>();
		this.jdbc.sql("""
				select counted_for, channel, count(*) as reports from (
				  select id as counted_for, channel from report_case
				  where id = any(cast(? as uuid[])) and master_case_id is null
				  union all
				  -- one index lookup per master: on a table growing faster than it is
				  -- analysed, "master_case_id = any(...)" was planned as a scan of every case
				  -- (28 ms at 21,000 cases); "offset 0" keeps the planner from flattening
				  -- the lookup into such a join
				  select m.id, d.channel from unnest(cast(? as uuid[])) m(id)
				  cross join lateral (select channel from report_case where master_case_id = m.id offset 0) d
				) reports
				group by 1, 2""").params(ids, ids).query((rs) -> {
			UUID countedFor = rs.getObject("counted_for", UUID.class);
			mixes.computeIfAbsent(countedFor, (id) -> new java.util.EnumMap<>(Channel.class))
				.put(Channel.valueOf(rs.getString("channel")), rs.getInt("reports"));
		});
		return drafts.stream().map((draft) -> {
			// a linked duplicate counts for its master, and stands for itself alone here
			Map<Channel, Integer> mix = (draft.masterCaseId() != null) ? Map.of(draft.channel(), 1)
					: mixes.getOrDefault(draft.id(), Map.of(draft.channel(), 1));
			return new CaseRecord(draft, List.copyOf(histories.getOrDefault(draft.id(), List.of())),
					mix.values().stream().mapToInt(Integer::intValue).sum(), mix);
		}).toList();
	}

	@Override
	public List<CaseRecord> recentByReporter(Mobile mobile, int limit) {
		return withHistories(this.jdbc
			.sql("select " + CaseRows.CASE_COLUMNS
					+ " from report_case where reporter_mobile = ? order by received_at desc limit ?")
			.params(mobile.digits(), limit)
			.query(CaseRows::draft)
			.list());
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

	@Override
	public AmendOutcome amend(Channel channel, String channelRef, Revision revision) {
		return this.tx.execute((status) -> {
			Optional<UUID> id = this.jdbc.sql(
					"select id from report_case where channel = ? and channel_ref = ? and channel_ref_kind = 'CHANNEL'")
				.params(channel.name(), channelRef)
				.query(UUID.class)
				.optional();
			if (id.isEmpty()) {
				return new AmendOutcome.NotFound();
			}
			// The forwards first, then the case: the order in which a delivery locks
			// them,
			// so the two never wait on each other in a circle. Locking waits for a claim
			// being committed right now and then sees it; a claim skips rows locked here.
			List<ForwardRow> forwards = this.jdbc.sql("""
					select platform_id, state, coalesce(claimed_until > now(), false) as in_flight
					from forward_outbox where case_id = ? order by id for update""")
				.param(id.get())
				.query((rs, rowNum) -> new ForwardRow(rs.getString("platform_id"), rs.getString("state"),
						rs.getBoolean("in_flight")))
				.list();
			CaseDraft current = this.jdbc
				.sql("select " + CaseRows.CASE_COLUMNS + " from report_case where id = ? for update")
				.param(id.get())
				.query(CaseRows::draft)
				.single();
			String number = current.caseNumber().value();
			if (current.masterCaseId() != null) {
				return new AmendOutcome.Refused(AmendRefusal.ATTACHED, "case " + number + " was attached to case "
						+ caseNumberOf(current.masterCaseId()) + " and is not forwarded on its own; amend that case");
			}
			Optional<ForwardRow> delivered = forwards.stream().filter((row) -> "DONE".equals(row.state())).findFirst();
			if (delivered.isPresent() || !AMENDABLE.contains(current.status())) {
				return new AmendOutcome.Refused(AmendRefusal.FORWARDED,
						"case " + number + " was already forwarded"
								+ delivered.map((row) -> " to " + row.platformId()).orElse("") + " (status "
								+ current.status().name() + "); ask that platform to correct it");
			}
			if (forwards.stream().anyMatch((row) -> "PENDING".equals(row.state()) && row.inFlight())) {
				return new AmendOutcome.Refused(AmendRefusal.IN_FLIGHT,
						"case " + number + " is being forwarded at this moment; try again in a few seconds");
			}
			Optional<Revised> revised = revision.revise(current);
			if (revised.isEmpty()) {
				return new AmendOutcome.Amended(current, false);
			}
			CaseDraft amended = revised.get().draft();
			this.jdbc
				.sql("""
						update report_case set reporter_mobile = :mobile, sms_allowed = :smsAllowed, description = :description,
						  category_code = :category, lon = :lon, lat = :lat, reported_lon = :reportedLon,
						  reported_lat = :reportedLat, reported_crs = :reportedCrs, reported_accuracy_m = :reportedAccuracy,
						  address = :address, district_code = :districtCode, district_name = :districtName,
						  street_code = :streetCode, street_name = :streetName, community_code = :communityCode,
						  community_name = :communityName, grid_code = :gridCode, grid_name = :gridName,
						  grid_registry_version = :registryVersion, status = :status, route_platform_id = :routePlatform,
						  route_level = :routeLevel, route_area_code = :routeArea, route_rule = :routeRule,
						  route_triage = :routeTriage, priority = :priority, location_source = :locationSource, place_kind = :placeKind,
						  place_confidence = :placeConfidence, place_text = :placeText, place_name = :placeName,
						  place_span_start = :placeStart, place_span_end = :placeEnd, place_lon = :placeLon,
						  place_lat = :placeLat, address_distance_m = :addressDistance, address_mismatch = :addressMismatch,
						  alternative_grid_code = :alternativeCode, alternative_grid_name = :alternativeName, updated_at = now()
						where id = :id""")
				.params(caseParams(amended))
				.param("id", current.id())
				.update();
			insertEvent(current.id(), revised.get().event());
			this.jdbc.sql("""
					insert into raw_message_amendment (case_id, amended_at, amended_by, content_type, body)
					values (?, ?, ?, ?, ?)""")
				.params(current.id(), Timestamp.from(revised.get().event().at()), revised.get().amendedBy(),
						revised.get().raw().contentType(), revised.get().raw().body())
				.update();
			int amendments = this.jdbc.sql("select count(*) from raw_message_amendment where case_id = ?")
				.param(current.id())
				.query(Integer.class)
				.single();
			String platform = amended.route().platformId();
			// a new key: the platform must not take the corrected case for a retry of an
			// earlier attempt with the old content
			String key = number + "/" + platform + "/amended-" + amendments;
			int repointed = this.jdbc
				.sql("""
						update forward_outbox set platform_id = ?, idempotency_key = ?, state = 'PENDING', failed_attempts = 0,
						       next_attempt_at = now(), last_error = null, claimed_until = null
						where id = (select max(id) from forward_outbox where case_id = ? and state in ('PENDING', 'DEAD'))""")
				.params(platform, key, current.id())
				.update();
			if (repointed == 0) {
				this.jdbc.sql("insert into forward_outbox (case_id, platform_id, idempotency_key) values (?, ?, ?)")
					.params(current.id(), platform, key)
					.update();
			}
			return new AmendOutcome.Amended(amended, true);
		});
	}

	private static final java.util.Set<CaseStatus> AMENDABLE = java.util.EnumSet.of(CaseStatus.RECEIVED,
			CaseStatus.LOCATED, CaseStatus.UNLOCATED);

	private record ForwardRow(String platformId, String state, boolean inFlight) {
	}

	private String caseNumberOf(UUID id) {
		return this.jdbc.sql("select case_number from report_case where id = ?").param(id).query(String.class).single();
	}

	@Override
	public AttachOutcome attach(NewCase duplicate, CaseNumber master) {
		return this.tx.execute((status) -> {
			CaseDraft draft = duplicate.draft();
			Optional<AttachOutcome> stored = alreadyStored(draft);
			if (stored.isPresent()) {
				return stored.get();
			}
			// locked until the duplicate is in: a platform's closing callback waits, so a
			// caller is never attached to a case that closed a moment before
			Optional<MasterRow> row = this.jdbc.sql(
					"select id, status, master_case_id, route_platform_id from report_case where case_number = ? for update")
				.param(master.value())
				.query((rs, rowNum) -> new MasterRow(rs.getObject("id", UUID.class),
						CaseStatus.valueOf(rs.getString("status")), rs.getObject("master_case_id", UUID.class),
						rs.getString("route_platform_id")))
				.optional();
			if (row.isEmpty()) {
				return new AttachOutcome.MasterRefused("there is no case " + master.value());
			}
			if (row.get().masterCaseId() != null) {
				return new AttachOutcome.MasterRefused("case " + master.value() + " is itself attached to case "
						+ caseNumberOf(row.get().masterCaseId()) + "; attach the call to that case");
			}
			if (FINISHED.contains(row.get().status())) {
				return new AttachOutcome.MasterRefused(
						"case " + master.value() + " is " + row.get().status().chineseName() + " ("
								+ row.get().status().code() + "); log the call as a new case");
			}
			if (!insertCase(draft, row.get().id())) {
				return alreadyStored(draft).orElseThrow();
			}
			this.jdbc.sql("insert into raw_message (case_id, content_type, body) values (?, ?, ?)")
				.params(draft.id(), duplicate.raw().contentType(), duplicate.raw().body())
				.update();
			for (StatusEvent event : duplicate.history()) {
				insertEvent(draft.id(), event);
			}
			// an operator's link is a merge like the gateway's: reviewable, splittable,
			// and
			// the platform hears the new report count
			String operator = (draft.origin() != null && draft.origin().filerId() != null)
					? "operator:" + draft.origin().filerId() : "operator";
			insertMergeLink(draft.id(), draft.receivedAt(), new MergeLink(row.get().id(), master, null, operator));
			if (row.get().platformId() != null) {
				queueMasterUpdate(row.get().id(), row.get().platformId(),
						master.value() + "/" + row.get().platformId() + "/update/" + draft.caseNumber().value());
			}
			return new AttachOutcome.Attached(draft.caseNumber(), master);
		});
	}

	private static final java.util.Set<CaseStatus> FINISHED = java.util.EnumSet.of(CaseStatus.RESOLVED,
			CaseStatus.CLOSED, CaseStatus.MERGED);

	private record MasterRow(UUID id, CaseStatus status, UUID masterCaseId, String platformId) {
	}

	private Optional<AttachOutcome> alreadyStored(CaseDraft draft) {
		return this.jdbc.sql("""
				select c.case_number, m.case_number as master_number
				from report_case c left join report_case m on m.id = c.master_case_id
				where c.channel = ? and c.channel_ref = ? and c.channel_ref_kind = 'CHANNEL'""")
			.params(draft.channel().name(), draft.channelRef().value())
			.query((rs,
					rowNum) -> (AttachOutcome) new AttachOutcome.AlreadyStored(
							new CaseNumber(rs.getString("case_number")),
							(rs.getString("master_number") != null) ? new CaseNumber(rs.getString("master_number"))
									: null))
			.optional();
	}

	@Override
	public List<NearbyCase> openCasesNear(GeoPoint center, double radiusMeters, String categoryCode, Instant since,
			int limit) {
		// a box a little larger than the circle, cheap on the index; the exact distance
		// decides
		double latDelta = Math.toDegrees(radiusMeters * 1.01 / EARTH_RADIUS_METERS);
		double lonDelta = latDelta / Math.max(Math.cos(Math.toRadians(center.lat())), 0.01);
		return this.jdbc.sql("select " + CaseRows.CASE_COLUMNS + """
				, distance_m, reports from (
				  select c.*, 2 * :earthRadius * asin(least(1, sqrt(
				           power(sin(radians(c.lat - :lat) / 2), 2)
				           + cos(radians(:lat)) * cos(radians(c.lat)) * power(sin(radians(c.lon - :lon) / 2), 2))))
				         as distance_m,
				         1 + (select count(*) from report_case d where d.master_case_id = c.id) as reports
				  from report_case c
				  where c.master_case_id is null and c.category_code = :category
				    and c.lat between :minLat and :maxLat and c.lon between :minLon and :maxLon
				    and c.status not in ('RESOLVED', 'CLOSED', 'MERGED') and c.received_at >= :since
				) near
				where distance_m <= :radius
				order by distance_m, received_at desc
				limit :limit""")
			.param("earthRadius", EARTH_RADIUS_METERS)
			.param("lat", center.lat())
			.param("lon", center.lon())
			.param("category", categoryCode)
			.param("minLat", center.lat() - latDelta)
			.param("maxLat", center.lat() + latDelta)
			.param("minLon", center.lon() - lonDelta)
			.param("maxLon", center.lon() + lonDelta)
			.param("since", Timestamp.from(since))
			.param("radius", radiusMeters)
			.param("limit", limit)
			.query((rs, rowNum) -> new NearbyCase(CaseRows.draft(rs, rowNum), rs.getDouble("distance_m"),
					rs.getInt("reports")))
			.list();
	}

	/** The same mean radius as {@link GeoPoint#distanceMeters}. */
	private static final double EARTH_RADIUS_METERS = 6_371_008.8;

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

	/**
	 * One line of the case's routing history: which platform, at which level, and why.
	 */
	void insertRouting(UUID caseId, RouteDecision route, RoutingReason reason, Instant at) {
		this.jdbc.sql("""
				insert into case_routing (case_id, platform_id, level, area_code, reason, rule, at)
				values (?, ?, ?, ?, ?, ?, ?)""")
			.params(caseId, route.platformId(), route.level().code(), route.areaCode(), reason.name(), route.rule(),
					Timestamp.from(at))
			.update();
	}

	void insertEvent(UUID caseId, StatusEvent event) {
		this.jdbc.sql("insert into status_event (case_id, status, at, source, note) values (?, ?, ?, ?, ?)")
			.params(caseId, event.status().name(), Timestamp.from(event.at()), event.source(), event.note())
			.update();
	}

}
