package org.gridintake.adapters.postgres;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

import org.gridintake.routes.casedraft.CaseDraft;
import org.gridintake.routes.casedraft.CaseNumber;
import org.gridintake.routes.casedraft.CaseStatus;
import org.gridintake.routes.casedraft.Channel;
import org.gridintake.routes.casedraft.ChannelRef;
import org.gridintake.routes.casedraft.Mobile;
import org.gridintake.routes.casedraft.ReportOrigin;
import org.gridintake.routes.casedraft.ReportedPoint;
import org.gridintake.routes.casedraft.Reporter;
import org.gridintake.routes.casedraft.StatusEvent;
import org.gridintake.routes.geo.Crs;
import org.gridintake.routes.geo.GeoPoint;
import org.gridintake.routes.geo.GridChain;
import org.gridintake.routes.geo.GridLevel;
import org.gridintake.routes.geo.GridUnit;
import org.gridintake.routes.geo.LocationEvidence;
import org.gridintake.routes.geo.MatchKind;
import org.gridintake.routes.geo.PlaceMatch;
import org.gridintake.routes.routing.RouteDecision;

/** Maps rows of report_case and status_event to the domain's types. */
final class CaseRows {

	static final String CASE_COLUMNS = "id, case_number, channel, channel_ref, channel_ref_kind, received_at, "
			+ "reporter_mobile, sms_allowed, description, category_code, lon, lat, reported_lon, reported_lat, "
			+ "reported_crs, reported_accuracy_m, address, district_code, district_name, street_code, street_name, "
			+ "community_code, community_name, grid_code, grid_name, grid_registry_version, master_case_id, status, "
			+ "route_platform_id, route_level, route_area_code, route_rule, route_triage, platform_case_id, "
			+ "location_source, place_kind, place_confidence, place_text, place_name, place_span_start, place_span_end, "
			+ "place_lon, place_lat, address_distance_m, address_mismatch, alternative_grid_code, alternative_grid_name, filer, filer_id, taken_at, outside_area, media_urls, priority";

	private CaseRows() {
	}

	static CaseDraft draft(ResultSet rs, int rowNum) throws SQLException {
		String mobile = rs.getString("reporter_mobile");
		GeoPoint location = point(rs, "lon", "lat");
		GeoPoint reported = point(rs, "reported_lon", "reported_lat");
		ReportedPoint reportedPoint = (reported != null) ? new ReportedPoint(reported,
				Crs.fromCode(rs.getString("reported_crs")).orElseThrow(), nullableDouble(rs, "reported_accuracy_m"))
				: null;
		GridChain chain = null;
		if (rs.getString("grid_code") != null) {
			chain = new GridChain(unit(rs, "district", GridLevel.DISTRICT), unit(rs, "street", GridLevel.STREET),
					unit(rs, "community", GridLevel.COMMUNITY), unit(rs, "grid", GridLevel.GRID));
		}
		RouteDecision route = null;
		if (rs.getString("route_platform_id") != null) {
			route = new RouteDecision(rs.getString("route_platform_id"),
					GridLevel.fromCode(rs.getString("route_level")), rs.getString("route_area_code"),
					rs.getString("route_rule"), rs.getBoolean("route_triage"),
					org.gridintake.routes.routing.Priority.valueOf(rs.getString("priority")));
		}
		return new CaseDraft(rs.getObject("id", UUID.class), new CaseNumber(rs.getString("case_number")),
				Channel.valueOf(rs.getString("channel")),
				new ChannelRef(rs.getString("channel_ref"), ChannelRef.Kind.valueOf(rs.getString("channel_ref_kind"))),
				instant(rs, "received_at"),
				new Reporter((mobile != null) ? new Mobile(mobile) : null, rs.getBoolean("sms_allowed")),
				rs.getString("description"), rs.getString("category_code"), location, reportedPoint,
				rs.getString("address"), chain, rs.getString("grid_registry_version"),
				(rs.getString("alternative_grid_code") != null) ? new GridUnit(rs.getString("alternative_grid_code"),
						rs.getString("alternative_grid_name"), GridLevel.GRID) : null,
				evidence(rs), rs.getObject("master_case_id", UUID.class), CaseStatus.valueOf(rs.getString("status")),
				route, rs.getString("platform_case_id"), origin(rs));
	}

	private static ReportOrigin origin(ResultSet rs) throws SQLException {
		java.sql.Array media = rs.getArray("media_urls");
		return new ReportOrigin(ReportOrigin.Filer.valueOf(rs.getString("filer")), rs.getString("filer_id"),
				instant(rs, "taken_at"), rs.getBoolean("outside_area"),
				(media != null) ? java.util.List.of((String[]) media.getArray()) : java.util.List.of());
	}

	private static LocationEvidence evidence(ResultSet rs) throws SQLException {
		PlaceMatch match = null;
		if (rs.getString("place_kind") != null) {
			match = new PlaceMatch(point(rs, "place_lon", "place_lat"), rs.getInt("place_span_start"),
					rs.getInt("place_span_end"), rs.getString("place_text"),
					MatchKind.valueOf(rs.getString("place_kind")), rs.getDouble("place_confidence"),
					rs.getString("place_name"));
		}
		return new LocationEvidence(LocationEvidence.Source.valueOf(rs.getString("location_source")), match,
				nullableDouble(rs, "address_distance_m"), rs.getBoolean("address_mismatch"));
	}

	static StatusEvent event(ResultSet rs, int rowNum) throws SQLException {
		return new StatusEvent(CaseStatus.valueOf(rs.getString("status")), instant(rs, "at"), rs.getString("source"),
				rs.getString("note"));
	}

	static Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp timestamp = rs.getTimestamp(column);
		return (timestamp != null) ? timestamp.toInstant() : null;
	}

	private static GridUnit unit(ResultSet rs, String prefix, GridLevel level) throws SQLException {
		return new GridUnit(rs.getString(prefix + "_code"), rs.getString(prefix + "_name"), level);
	}

	private static GeoPoint point(ResultSet rs, String lonColumn, String latColumn) throws SQLException {
		Double lon = nullableDouble(rs, lonColumn);
		Double lat = nullableDouble(rs, latColumn);
		return (lon != null && lat != null) ? new GeoPoint(lon, lat) : null;
	}

	private static Double nullableDouble(ResultSet rs, String column) throws SQLException {
		double value = rs.getDouble(column);
		return rs.wasNull() ? null : value;
	}

}
