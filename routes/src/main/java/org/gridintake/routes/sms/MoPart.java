package org.gridintake.routes.sms;

import java.time.Instant;

/**
 * One mobile-originated message, or one part of a concatenated one, as the SMSC delivered
 * it and the channel decoded it.
 *
 * @param sender the resident's number as the SMSC gave it
 * @param shortCode the number the resident texted
 * @param text this part's text, decoded
 * @param concatenation where the part belongs, null for a whole message
 * @param receivedAt when the gateway received it
 * @param link which SMSC link (bind) brought it
 * @param raw the short message bytes as delivered, kept verbatim
 */
public record MoPart(String sender, String shortCode, String text, Concatenation concatenation, Instant receivedAt,
		String link, byte[] raw) {

	/**
	 * @param reference the sender's reference for the whole message
	 */
	public record Concatenation(int reference, int total, int sequence) {

		public Concatenation {
			if (total < 2 || sequence < 1 || sequence > total) {
				throw new IllegalArgumentException("part " + sequence + " of " + total + " is not a part");
			}
		}

	}

}
