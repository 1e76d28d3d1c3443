package org.gridintake.routes.forward;

/** What a platform said to a forwarded case. */
public sealed interface ForwardOutcome {

	/** Booked; the platform's own id when it gave one. */
	record Delivered(String platformCaseId) implements ForwardOutcome {
	}

	/** The platform will not take it (a 4xx answer); sending again will not help. */
	record Refused(String reason) implements ForwardOutcome {
	}

	/** Down, overloaded or timed out; sending again later may work. */
	record RetryLater(String reason) implements ForwardOutcome {
	}

}
