package org.gridintake.routes.intake;

import java.time.Instant;

import org.gridintake.routes.casedraft.Channel;
import org.gridintake.routes.casedraft.ChannelRef;
import org.gridintake.routes.casedraft.RawMessage;
import org.gridintake.routes.casedraft.ReportedPoint;
import org.gridintake.routes.casedraft.ReportOrigin;
import org.gridintake.routes.casedraft.Reporter;

/**
 * A validated report as a channel hands it to the shared pipeline.
 *
 * @param channel the channel
 * @param channelRef how a repeat delivery is recognised
 * @param receivedAt when the gateway received it
 * @param reporter who to tell about progress
 * @param text the report's text as sent
 * @param reportedPoint a point, null when none was sent
 * @param address an address in words, null when none
 * @param categoryCode a taxonomy code chosen by the sender, null when none
 * @param raw the message verbatim
 * @param origin who filed it, and what came with it
 */
public record InboundReport(Channel channel, ChannelRef channelRef, Instant receivedAt, Reporter reporter, String text,
		ReportedPoint reportedPoint, String address, String categoryCode, RawMessage raw, ReportOrigin origin) {
}
