package org.gridintake.routes.hotline;

import com.fasterxml.jackson.annotation.JsonProperty;

import org.gridintake.routes.portal.PortalReport;

/**
 * A call as the call-centre system or the operator console logs it. Text fields stay text
 * so a malformed time is reported against its field.
 *
 * @param callId the call centre's id; the same id never makes two cases
 * @param operatorId who took the call
 * @param caller the caller's number
 * @param startedAt when the call began, ISO-8601
 * @param endedAt when it ended, ISO-8601
 * @param summary the operator's summary of what the caller reported
 * @param address the address as the operator typed it
 * @param category a taxonomy code, when the operator chose one
 * @param location a point picked on a map, when the operator picked one
 */
public record CallLog(@JsonProperty("call_id") String callId, @JsonProperty("operator_id") String operatorId,
		String caller, @JsonProperty("started_at") String startedAt, @JsonProperty("ended_at") String endedAt,
		String summary, String address, String category, PortalReport.Location location) {
}
