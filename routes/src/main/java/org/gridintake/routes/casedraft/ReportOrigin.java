package org.gridintake.routes.casedraft;

import java.time.Instant;
import java.util.List;

/**
 * Who filed a report and what came with it beyond its text: a grid worker's report keeps
 * the time it was taken on the device beside the time it reached the gateway, since an
 * offline phone may upload hours later.
 *
 * @param filer who filed it
 * @param filerId the worker or operator id, null for a resident filing their own
 * @param takenAt when the report was made on the device, null when the channel has no
 * such time
 * @param outsideArea a grid worker flagged it as outside their assigned community
 * @param mediaUrls photos of the incident, by URL
 */
public record ReportOrigin(Filer filer, String filerId, Instant takenAt, boolean outsideArea, List<String> mediaUrls) {

	/** A resident's own report with nothing attached. */
	public static final ReportOrigin RESIDENT = new ReportOrigin(Filer.RESIDENT, null, null, false, List.of());

	public ReportOrigin {
		mediaUrls = List.copyOf(mediaUrls);
	}

	public static ReportOrigin resident(List<String> mediaUrls) {
		return new ReportOrigin(Filer.RESIDENT, null, null, false, mediaUrls);
	}

	public static ReportOrigin operator(String operatorId) {
		return new ReportOrigin(Filer.OPERATOR, operatorId, null, false, List.of());
	}

	public static ReportOrigin gridWorker(String workerId, Instant takenAt, boolean outsideArea,
			List<String> mediaUrls) {
		return new ReportOrigin(Filer.GRID_WORKER, workerId, takenAt, outsideArea, mediaUrls);
	}

	/** Who filed a report. */
	public enum Filer {

		/** the resident who saw it */
		RESIDENT,
		/** a hotline operator, for a caller */
		OPERATOR,
		/** a community grid worker (网格员) on a field visit */
		GRID_WORKER

	}

}
