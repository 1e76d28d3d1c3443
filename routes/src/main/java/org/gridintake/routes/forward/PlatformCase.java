package org.gridintake.routes.forward;

import java.time.Instant;
import java.util.List;

/**
 * A case as a platform receives it. Reporter contact is masked unless the platform is
 * allowed to see it.
 *
 * @param caseNumber the gateway's case number
 * @param category taxonomy code, null when uncategorised
 * @param categoryName the category's name
 * @param text the report's text
 * @param location WGS-84 point, null when unlocated
 * @param locationGcj02 the same point in GCJ-02, for Chinese map front ends
 * @param address the address as given
 * @param grid the grid chain, null when unlocated
 * @param reportCount how many reports the case stands for
 * @param photos photo URLs
 * @param reporterContact the reporter's number, masked unless allowed
 * @param receivedAt when the gateway received it
 * @param triage whether it is sent for triage rather than handling
 * @param routingRule why it was routed here
 * @param channelMix how many of its reports came through each channel
 */
public record PlatformCase(String caseNumber, String category, String categoryName, String text, Point location,
		Point locationGcj02, String address, Grid grid, int reportCount, List<String> photos, String reporterContact,
		Instant receivedAt, boolean triage, String routingRule, java.util.Map<String, Integer> channelMix) {

	public record Point(double lon, double lat) {
	}

	public record Grid(String district, String street, String community, String grid, String gridName) {
	}

}
