package org.gridintake.routes.hotline;

import org.apache.camel.builder.RouteBuilder;
import org.gridintake.routes.casedraft.CaseNumber;
import org.gridintake.routes.geo.LocateStep;
import org.gridintake.routes.intake.InboundReport;
import org.gridintake.routes.intake.IntakeWork;
import org.gridintake.routes.intake.TextNormaliser;
import org.gridintake.routes.pipeline.Endpoints;
import org.gridintake.routes.pipeline.ErrorPolicies;
import org.gridintake.routes.routing.CategoryStep;

/**
 * A call the operator attached to an open case: placed and categorised like any report,
 * so its own record says where the caller was, then stored as that case's duplicate
 * instead of being routed and forwarded. The header {@value #MASTER} names the case; the
 * body that comes back is an {@link org.gridintake.routes.intake.IntakeResult}.
 */
public class HotlineAttachRoute extends RouteBuilder {

	/** The {@link CaseNumber} of the case the call joins. */
	public static final String MASTER = "gridintakeAttachTo";

	private final TextNormaliser normaliser;

	private final LocateStep locate;

	private final CategoryStep categorise;

	private final CallAttacher attacher;

	public HotlineAttachRoute(TextNormaliser normaliser, LocateStep locate, CategoryStep categorise,
			CallAttacher attacher) {
		this.normaliser = normaliser;
		this.locate = locate;
		this.categorise = categorise;
		this.attacher = attacher;
	}

	@Override
	public void configure() {
		from(Endpoints.HOTLINE_ATTACH).routeId(Endpoints.HOTLINE_ATTACH_ROUTE)
			.routeConfigurationId(ErrorPolicies.INTAKE)
			.transform()
			.body(InboundReport.class, IntakeWork::of)
			.bean(this.normaliser, "normalise")
			.bean(this.locate, "locate")
			.bean(this.categorise, "categorise")
			.process((exchange) -> exchange.getMessage()
				.setBody(this.attacher.attach(exchange.getMessage().getMandatoryBody(IntakeWork.class),
						exchange.getMessage().getHeader(MASTER, CaseNumber.class))));
	}

}
