package org.gridintake.routes.field;

import java.util.List;
import java.util.Optional;

import org.gridintake.routes.casedraft.ReportOrigin;
import org.gridintake.routes.geo.GridChain;
import org.gridintake.routes.geo.GridLocation;
import org.gridintake.routes.geo.GridUnit;
import org.gridintake.routes.intake.FieldError;
import org.gridintake.routes.intake.IntakeWork;
import org.gridintake.routes.intake.InvalidReportException;

/**
 * A grid worker files within the community they are assigned to, unless they flag the
 * report as outside it. Decided on the grid the intake located, so the check and the case
 * agree on where the report is.
 * <p>
 * A point within the locator's near-edge distance of the worker's community still counts
 * as inside: the phone's fix scatters by several metres, and a worker standing on their
 * side of a boundary street must not be refused.
 */
public class AssignedAreaCheck {

	private final GridWorkers workers;

	public AssignedAreaCheck(GridWorkers workers) {
		this.workers = workers;
	}

	/**
	 * @return the work unchanged when the rule allows it
	 * @throws InvalidReportException naming {@code location} when a grid worker's report
	 * lies outside their community and is not flagged as such
	 */
	public IntakeWork check(IntakeWork work) {
		ReportOrigin origin = work.report().origin();
		if (origin == null || origin.filer() != ReportOrigin.Filer.GRID_WORKER || origin.outsideArea()) {
			return work;
		}
		Optional<GridWorker> found = this.workers.find(origin.filerId());
		if (found.isEmpty()) {
			throw invalid("worker_id", "is not a registered grid worker");
		}
		GridWorker worker = found.get();
		GridLocation location = work.location();
		if (location == null) {
			String where = (work.wgs84() != null) ? "the point " + work.wgs84() + " (WGS-84) lies outside every grid"
					: "the report could not be placed in any grid";
			throw invalid("location", where + "; " + worker.id() + " is assigned to " + describe(worker.community())
					+ ". Check the GPS fix, or set outside_area to true to file it anyway");
		}
		if (inCommunity(location.chain(), worker)
				|| location.nearEdgeAlternative().filter((alt) -> inCommunity(alt, worker)).isPresent()) {
			return work;
		}
		GridChain chain = location.chain();
		throw invalid("location", "lies in " + describe(chain.community()) + ", unit grid " + chain.grid().name() + " ("
				+ chain.grid().code() + "), but " + worker.id() + " is assigned to " + describe(worker.community())
				+ ". Set outside_area to true to file a report outside the assigned community");
	}

	private static boolean inCommunity(GridChain chain, GridWorker worker) {
		return chain.community().code().equals(worker.community().code());
	}

	private static String describe(GridUnit unit) {
		return unit.name() + " (" + unit.code() + ")";
	}

	private static InvalidReportException invalid(String field, String message) {
		return new InvalidReportException(List.of(new FieldError(field, message)));
	}

}
