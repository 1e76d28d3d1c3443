package org.gridintake.routes.routing;

/** Port: the routing rules in force now; a reloading source swaps them whole. */
@FunctionalInterface
public interface RoutingRulesSource {

	RoutingRules current();

}
