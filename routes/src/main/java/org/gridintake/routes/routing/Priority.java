package org.gridintake.routes.routing;

/** How urgently a case must be handled; urgent words in a report raise it. */
public enum Priority {

	NORMAL, URGENT

}
