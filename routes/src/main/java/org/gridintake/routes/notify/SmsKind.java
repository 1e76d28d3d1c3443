package org.gridintake.routes.notify;

/** Why a text is sent; it decides whether opt-outs and quiet hours hold it back. */
public enum SmsKind {

	/** An answer to a message the resident just sent: sent at once, unless opted out. */
	REPLY,
	/** Progress of a case: waits out quiet hours, never sent to an opted-out number. */
	STATUS,
	/** The one confirmation of an opt-out: sent although the number just opted out. */
	CONFIRMATION

}
