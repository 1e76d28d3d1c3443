package org.gridintake.routes.sms;

/** What the channel answers the SMSC for a delivered message. */
public enum InboundAck {

	/** Stored durably: acknowledge it (deliver_sm_resp OK). */
	ACCEPTED,
	/** Not stored, the gateway cannot store now: the SMSC must deliver it again later. */
	RETRY_LATER,
	/** Not stored, too much at once: the SMSC must slow down and deliver it again. */
	THROTTLED

}
