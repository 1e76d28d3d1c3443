package org.gridintake.gateway.replay;

/**
 * What the gateway answered when a report was sent.
 *
 * @param acknowledged the gateway stored it (HTTP 202/accepted, deliver_sm_resp 0)
 * @param caseNumber the case the answer named, null for SMS (filed afterwards) or a
 * failure
 * @param latencyNanos from the first attempt until the answer
 * @param failure why it was not acknowledged, null when it was
 */
record Acknowledgement(boolean acknowledged, String caseNumber, long latencyNanos, String failure) {

	static Acknowledgement ok(String caseNumber, long latencyNanos) {
		return new Acknowledgement(true, caseNumber, latencyNanos, null);
	}

	static Acknowledgement failed(String failure, long latencyNanos) {
		return new Acknowledgement(false, null, latencyNanos, failure);
	}

}
