package org.gridintake.routes.sms;

import java.time.Instant;

/**
 * A delivery receipt for a text the gateway sent.
 *
 * @param messageId the SMSC's id, in whatever form the receipt carried it
 * @param state where the text ended up
 * @param errorCode the SMSC's or network's error code, null when none
 * @param doneAt when the SMSC finished with it, null when the receipt does not say
 */
public record SmsReceipt(String messageId, DeliveryState state, String errorCode, Instant doneAt) {

	public enum DeliveryState {

		DELIVERED, EXPIRED, DELETED, UNDELIVERABLE, ACCEPTED, UNKNOWN, REJECTED, ENROUTE;

	}

}
