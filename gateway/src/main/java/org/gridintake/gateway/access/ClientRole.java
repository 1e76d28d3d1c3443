package org.gridintake.gateway.access;

/** The kinds of system that call the gateway, each allowed its own endpoints. */
public enum ClientRole {

	/** the call-centre system posting call logs */
	CALL_CENTRE,
	/** the hotline operators' console */
	CONSOLE,
	/** residents' web and mini-program front ends */
	PORTAL,
	/** grid workers' field app */
	FIELD_APP

}
