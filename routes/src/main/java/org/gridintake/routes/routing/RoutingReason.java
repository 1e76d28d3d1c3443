package org.gridintake.routes.routing;

/** Why a case was sent to a platform, as its routing history records it. */
public enum RoutingReason {

	INITIAL, TRIAGE, ESCALATED, RETURNED

}
