package org.gridintake.routes.notify;

/**
 * Port: hands a text to the carrier. SMPP is one implementation; the mainland carriers'
 * CMPP, SGIP or SMGP links would be others.
 */
public interface SmsSender {

	SmsSendOutcome send(OutboundSms sms);

	/** Whether the sender is bound and can take texts now. */
	boolean isReady();

}
