package org.gridintake.adapters.sms.simulator;

import org.gridintake.routes.casedraft.Mobile;

/**
 * One submit_sm the simulated SMSC took, in the order they arrived.
 *
 * @param systemId the system id of the bind it came over
 * @param destination the destination_addr (the resident's number)
 * @param messageId the id the simulator answered with
 * @param sequence the part's position in its text, 1 for a text of one part
 * @param total how many parts its text has
 * @param reference the concatenation reference its text's parts share; 0 for a text of
 * one part
 */
public record SubmittedPart(String systemId, String destination, String messageId, int sequence, int total,
		int reference) {

	@Override
	public String toString() {
		return "SubmittedPart[systemId=" + this.systemId + ", destination=" + Mobile.mask(this.destination)
				+ ", messageId=" + this.messageId + ", sequence=" + this.sequence + ", total=" + this.total
				+ ", reference=" + this.reference + "]";
	}

}
