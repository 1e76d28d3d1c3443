package org.gridintake.adapters.postgres;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import org.gridintake.routes.casedraft.CaseNumber;
import org.gridintake.routes.casedraft.CaseStatus;
import org.gridintake.routes.casedraft.StatusEvent;
import org.gridintake.routes.dedup.MergeFeatures;
import org.gridintake.routes.dedup.MergeLink;
import org.gridintake.routes.dedup.MergeRecords;
import org.gridintake.routes.dedup.OpenCase;
import org.gridintake.routes.geo.GeoPoint;

class PostgresMergeRecords implements MergeRecords {

	private static final String OPEN_CASE_COLUMNS = "id, case_number, category_code, lon, lat, received_at, door_plate, problem_text";

	private final JdbcClient jdbc;

	private final TransactionTemplate tx;

	private final PostgresCaseStore cases;

	PostgresMergeRecords(JdbcClient jdbc, TransactionTemplate tx, PostgresCaseStore cases) {
		this.jdbc = jdbc;
		this.tx = tx;
		this.cases = cases;
	}

	@Override
	public List<OpenCase> openMasters(Instant since) {
		return this.jdbc.sql("select " + OPEN_CASE_COLUMNS + """
				 from report_case
				where master_case_id is null and status not in ('RESOLVED', 'CLOSED', 'MERGED')
				  and merge_state = 'DECIDED' and received_at >= ?
				  and category_code is not null and lon is not null""")
			.param(Timestamp.from(since))
			.query(PostgresMergeRecords::openCase)
			.list();
	}

	@Override
	public List<OpenCase> closedSince(Instant since) {
		return this.jdbc.sql("select " + OPEN_CASE_COLUMNS + """
				 from report_case
				where status in ('RESOLVED', 'CLOSED') and updated_at >= ? and master_case_id is null
				  and category_code is not null and lon is not null""")
			.param(Timestamp.from(since))
			.query(PostgresMergeRecords::openCase)
			.list();
	}

	@Override
	public List<OpenCase> pendingMerges(int limit) {
		return this.jdbc
			.sql("select " + OPEN_CASE_COLUMNS
					+ " from report_case where merge_state = 'PENDING' order by received_at limit ?")
			.param(limit)
			.query(PostgresMergeRecords::openCase)
			.list();
	}

	@Override
	public boolean linkPending(UUID caseId, MergeLink link) {
		return Boolean.TRUE.equals(this.tx.execute((status) -> {
			Optional<String> caseNumber = this.jdbc
				.sql("select case_number from report_case where id = ? and merge_state = 'PENDING' for update")
				.param(caseId)
				.query(String.class)
				.optional();
			if (caseNumber.isEmpty()) {
				return false;
			}
			Optional<String> masterPlatform = this.jdbc.sql("""
					select coalesce(route_platform_id, '') from report_case
					where id = ? and master_case_id is null and status not in ('RESOLVED', 'CLOSED', 'MERGED')
					for share""").param(link.masterId()).query(String.class).optional();
			if (masterPlatform.isEmpty()) {
				markDecided(caseId);
				return false;
			}
			Instant now = Instant.now();
			this.jdbc
				.sql("""
						update report_case set master_case_id = ?, status = 'MERGED', merge_state = 'DECIDED', updated_at = now()
						where id = ?""")
				.params(link.masterId(), caseId)
				.update();
			this.cases.insertEvent(caseId,
					new StatusEvent(CaseStatus.MERGED, now, link.decidedBy(), "another report of case "
							+ link.masterNumber().value() + ", decided when the merge index was back"));
			this.cases.insertMergeLink(caseId, now, link);
			if (!masterPlatform.get().isEmpty()) {
				this.cases.queueMasterUpdate(link.masterId(), masterPlatform.get(),
						link.masterNumber().value() + "/" + masterPlatform.get() + "/update/" + caseNumber.get());
			}
			return true;
		}));
	}

	/**
	 * A pending report has no forward yet: it is queued now that it is a case of its own.
	 */
	@Override
	public void markDecided(UUID caseId) {
		this.tx.executeWithoutResult((status) -> {
			Optional<String[]> decided = this.jdbc.sql("""
					update report_case set merge_state = 'DECIDED' where id = ? and merge_state = 'PENDING'
					returning case_number, route_platform_id""")
				.param(caseId)
				.query((rs, rowNum) -> new String[] { rs.getString(1), rs.getString(2) })
				.optional();
			if (decided.isPresent() && decided.get()[1] != null) {
				this.jdbc.sql("""
						insert into forward_outbox (case_id, platform_id, idempotency_key) values (?, ?, ?)
						on conflict (idempotency_key) do nothing""")
					.params(caseId, decided.get()[1], decided.get()[0] + "/" + decided.get()[1] + "/new")
					.update();
			}
		});
	}

	@Override
	public SplitOutcome split(CaseNumber duplicate, String operator, String reason, Instant at) {
		return this.tx.execute((status) -> {
			Optional<Linked> found = this.jdbc.sql("""
					select c.id, c.master_case_id, c.grid_code, c.route_platform_id, m.case_number as master_number,
					       m.route_platform_id as master_platform
					from report_case c left join report_case m on m.id = c.master_case_id
					where c.case_number = ? for update of c""")
				.param(duplicate.value())
				.query((rs, rowNum) -> new Linked(rs.getObject("id", UUID.class),
						rs.getObject("master_case_id", UUID.class), rs.getString("grid_code") != null,
						rs.getString("route_platform_id"), rs.getString("master_number"),
						rs.getString("master_platform")))
				.optional();
			if (found.isEmpty()) {
				return new SplitOutcome.NotFound(duplicate);
			}
			Linked linked = found.get();
			if (linked.masterId() == null) {
				return new SplitOutcome.NotLinked(duplicate);
			}
			CaseStatus own = linked.located() ? CaseStatus.LOCATED : CaseStatus.UNLOCATED;
			this.jdbc
				.sql("""
						update report_case set master_case_id = null, status = ?, merge_state = 'DECIDED', updated_at = now()
						where id = ?""")
				.params(own.name(), linked.id())
				.update();
			this.jdbc.sql("""
					update case_merge set split_at = ?, split_by = ?, split_reason = ?
					where duplicate_id = ? and split_at is null""")
				.params(Timestamp.from(at), operator, reason, linked.id())
				.update();
			this.cases.insertEvent(linked.id(),
					new StatusEvent(own, at, operator, "split off case " + linked.masterNumber() + ": " + reason));
			if (linked.platformId() != null) {
				this.jdbc.sql("""
						insert into forward_outbox (case_id, platform_id, idempotency_key) values (?, ?, ?)
						on conflict (idempotency_key) do nothing""")
					.params(linked.id(), linked.platformId(),
							duplicate.value() + "/" + linked.platformId() + "/split/" + at.toEpochMilli())
					.update();
			}
			if (linked.masterPlatform() != null) {
				this.cases.queueMasterUpdate(linked.masterId(), linked.masterPlatform(), linked.masterNumber() + "/"
						+ linked.masterPlatform() + "/split/" + duplicate.value() + "/" + at.toEpochMilli());
			}
			OpenCase openCase = this.jdbc.sql("select " + OPEN_CASE_COLUMNS + " from report_case where id = ?")
				.param(linked.id())
				.query(PostgresMergeRecords::openCase)
				.single();
			return new SplitOutcome.Split(duplicate, new CaseNumber(linked.masterNumber()),
					(openCase.features().categoryCode() != null && openCase.features().point() != null) ? openCase
							: null);
		});
	}

	private record Linked(UUID id, UUID masterId, boolean located, String platformId, String masterNumber,
			String masterPlatform) {
	}

	private static OpenCase openCase(ResultSet rs, int rowNum) throws SQLException {
		double lon = rs.getDouble("lon");
		GeoPoint point = rs.wasNull() ? null : new GeoPoint(lon, rs.getDouble("lat"));
		return new OpenCase(rs.getObject("id", UUID.class), new CaseNumber(rs.getString("case_number")),
				new MergeFeatures(rs.getString("category_code"), point, CaseRows.instant(rs, "received_at"),
						rs.getString("door_plate"), rs.getString("problem_text")));
	}

}
