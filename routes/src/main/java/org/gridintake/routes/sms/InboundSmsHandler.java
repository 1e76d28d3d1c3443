package org.gridintake.routes.sms;

/**
 * What the SMS channel calls for everything the SMSC delivers. Each call returns only
 * once the message is durably stored, or says why not, so the channel acknowledges
 * nothing that could still be lost.
 */
public interface InboundSmsHandler {

	InboundAck onMessage(MoPart part);

	InboundAck onReceipt(SmsReceipt receipt);

}
