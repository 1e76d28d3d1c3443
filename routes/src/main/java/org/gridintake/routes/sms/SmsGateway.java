package org.gridintake.routes.sms;

import org.gridintake.routes.notify.SmsSender;

/**
 * The SMS channel as the pipeline sees it: send texts, receive messages and receipts.
 * SMPP is one implementation; a CMPP, SGIP or SMGP link to a mainland carrier would be
 * another, with no change to the routes.
 */
public interface SmsGateway extends SmsSender {

	/** Where delivered messages and receipts go; set once, before the links bind. */
	void receiveWith(InboundSmsHandler handler);

}
