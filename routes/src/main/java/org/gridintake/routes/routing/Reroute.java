package org.gridintake.routes.routing;

/**
 * What becomes of a case taken from its platform: a new route, or none when no platform
 * is left (then only the history says why it stays).
 *
 * @param route the new route, null when none is left
 * @param reason why, for the routing history
 * @param note the history entry, naming the old platform and why it lost the case
 * @param withdrawFrom the platform to tell it no longer holds the case, or null when it
 * already knows (it sent the case back or refused it)
 */
public record Reroute(RouteDecision route, RoutingReason reason, String note, String withdrawFrom) {
}
