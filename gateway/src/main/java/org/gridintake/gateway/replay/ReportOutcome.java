package org.gridintake.gateway.replay;

/**
 * What became of one replayed report.
 *
 * @param ownCase the case the report itself was filed as, null if none
 * @param mergedInto the master's case number when the report became a linked duplicate
 * @param grid the unit grid of the report's own case
 * @param category the category of the report's own case
 */
record ReportOutcome(InputReport report, Acknowledgement ack, String ownCase, String mergedInto, String grid,
		String category, boolean located) {

	static ReportOutcome unfiled(InputReport report, Acknowledgement ack) {
		return new ReportOutcome(report, ack, null, null, null, null, false);
	}

	/** The case the report ended up in: the master's for a merged duplicate. */
	String resultCase() {
		return (this.mergedInto != null) ? this.mergedInto : this.ownCase;
	}

	String channel() {
		return this.report.channel();
	}

}
