package org.gridintake.adapters.sms.simulator;

import org.gridintake.routes.casedraft.Mobile;

import java.time.Instant;

/**
 * One complete message as the simulated SMSC received it: the parts of a concatenated
 * message are already rejoined and the text decoded.
 *
 * @param source the source_addr (the short code)
 * @param destination the destination_addr (the resident's number)
 * @param text the decoded text, without headers
 * @param parts how many submit_sm PDUs carried it
 * @param dataCoding the data_coding of the (first) part
 * @param at when the last part arrived
 */
public record ReceivedSms(String source, String destination, String text, int parts, int dataCoding, Instant at) {

	@Override
	public String toString() {
		return "ReceivedSms[source=" + this.source + ", destination=" + Mobile.mask(this.destination) + ", text="
				+ this.text + ", parts=" + this.parts + ", dataCoding=" + this.dataCoding + ", at=" + this.at + "]";
	}

}
