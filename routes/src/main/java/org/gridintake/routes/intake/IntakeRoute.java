package org.gridintake.routes.intake;

import org.apache.camel.builder.RouteBuilder;
import org.gridintake.routes.dedup.RepeatDeliveryCheck;
import org.gridintake.routes.field.AssignedAreaCheck;
import org.gridintake.routes.geo.LocateStep;
import org.gridintake.routes.pipeline.Endpoints;
import org.gridintake.routes.pipeline.ErrorPolicies;
import org.gridintake.routes.routing.CaseRouter;
import org.gridintake.routes.routing.CategoryStep;

/**
 * The shared pipeline every channel hands its reports to: normalise, check for a repeated
 * delivery, locate, hold a grid worker to their assigned area, categorise, route, and
 * store with the forwarding order. The body that comes back is an {@link IntakeResult}.
 */
public class IntakeRoute extends RouteBuilder {

	private static final String REPEAT = "gridintakeRepeat";

	private final TextNormaliser normaliser;

	private final RepeatDeliveryCheck repeats;

	private final LocateStep locate;

	private final AssignedAreaCheck assignedArea;

	private final CategoryStep categorise;

	private final CaseRouter router;

	private final org.gridintake.routes.dedup.MergeStep recorder;

	private final ReporterLimit limit;

	public IntakeRoute(TextNormaliser normaliser, RepeatDeliveryCheck repeats, ReporterLimit limit, LocateStep locate,
			AssignedAreaCheck assignedArea, CategoryStep categorise, CaseRouter router,
			org.gridintake.routes.dedup.MergeStep recorder) {
		this.normaliser = normaliser;
		this.repeats = repeats;
		this.limit = limit;
		this.locate = locate;
		this.assignedArea = assignedArea;
		this.categorise = categorise;
		this.router = router;
		this.recorder = recorder;
	}

	@Override
	public void configure() {
		from(Endpoints.INTAKE).routeId(Endpoints.INTAKE_ROUTE)
			.routeConfigurationId(ErrorPolicies.INTAKE)
			.transform()
			.body(InboundReport.class, IntakeWork::of)
			.bean(this.normaliser, "normalise")
			.setProperty(REPEAT, method(this.repeats, "findRepeat"))
			.choice()
			.when(exchangeProperty(REPEAT).isNotNull())
			.setBody(exchangeProperty(REPEAT))
			.otherwise()
			.bean(this.limit, "admit")
			.bean(this.locate, "locate")
			.bean(this.assignedArea, "check")
			.bean(this.categorise, "categorise")
			.bean(this.router, "route")
			.bean(this.recorder, "record")
			.end();
	}

}
