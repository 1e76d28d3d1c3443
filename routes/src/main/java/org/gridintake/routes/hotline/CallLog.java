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
 * @param attachTo the number of an open case the caller reports again, when the operator
 * found it among the nearby cases: the call then joins that case instead of making a new
 * one
 */
public record CallLog(@JsonProperty("call_id") String callId, @JsonProperty("operator_id") String operatorId,
		String caller, @JsonProperty("started_at") String startedAt, @JsonProperty("ended_at") String endedAt,
		String summary, String address, String category, PortalReport.Location location,
		@JsonProperty("attach_to") String attachTo) {

	/** The same log under another call id: an amendment names its call in the path. */
	public CallLog withCallId(String id) {
		return new CallLog(id, this.operatorId, this.caller, this.startedAt, this.endedAt, this.summary, this.address,
				this.category, this.location, this.attachTo);
	}

}
