package org.gridintake.routes.forward;

/** What an outbox row tells a platform. */
public enum ForwardKind {

	/** The case itself, for the platform to handle. */
	CASE,
	/** A case the platform has now stands for more (or fewer) reports. */
	UPDATE,
	/** The platform no longer holds the case: it was escalated past it. */
	WITHDRAW,
	/** The case is overdue for resolution. */
	REMINDER

}
