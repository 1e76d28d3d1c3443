package org.gridintake.routes.casedraft;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.gridintake.routes.geo.GeoPoint;
import org.gridintake.routes.geo.GridChain;
import org.gridintake.routes.geo.GridUnit;
import org.gridintake.routes.geo.LocationEvidence;
import org.gridintake.routes.routing.RouteDecision;

/**
 * The unified case draft: one shape for a report from any channel.
 *
 * @param id internal id
 * @param caseNumber the number residents read and type back
 * @param channel where it came from
 * @param channelRef the channel's own reference, or a content-derived one
 * @param receivedAt when the gateway received it
 * @param reporter who to tell about progress
 * @param description the report's text in the sender's own characters
 * @param categoryCode taxonomy code, null when not known
 * @param location WGS-84 point, null when the report could not be placed
 * @param reportedPoint the point as sent (original coordinate system and accuracy), null
 * when the report carried none
 * @param address the address as given, null when none
 * @param grid the unit grid and its parents, null when unlocated
 * @param gridRegistryVersion which registry version located it
 * @param alternativeGrid the neighbouring unit grid when the point lies within a few
 * metres of its grid's edge, else null
 * @param locationEvidence how the place was found and how sure that is
 * @param masterCaseId the case this one duplicates, null for a master
 * @param status where it stands now
 * @param route the routing decision, null before routing
 * @param platformCaseId the handling platform's own id once it has one
 * @param origin who filed it, the device time and photos
 */
public record CaseDraft(UUID id, CaseNumber caseNumber, Channel channel, ChannelRef channelRef, Instant receivedAt,
		Reporter reporter, String description, String categoryCode, GeoPoint location, ReportedPoint reportedPoint,
		String address, GridChain grid, String gridRegistryVersion, GridUnit alternativeGrid,
		LocationEvidence locationEvidence, UUID masterCaseId, CaseStatus status, RouteDecision route,
		String platformCaseId, ReportOrigin origin) {

	public Optional<GridChain> gridChain() {
		return Optional.ofNullable(this.grid);
	}

	public boolean isLocated() {
		return this.grid != null;
	}

}
