package org.gridintake.routes.portal;

import org.apache.camel.builder.RouteBuilder;
import org.gridintake.routes.pipeline.Endpoints;
import org.gridintake.routes.pipeline.ErrorPolicies;

/** Web portal reports: validate the portal's fields, then the shared intake pipeline. */
public class PortalIntakeRoute extends RouteBuilder {

	private final PortalReportMapper mapper;

	public PortalIntakeRoute(PortalReportMapper mapper) {
		this.mapper = mapper;
	}

	@Override
	public void configure() {
		from(Endpoints.PORTAL_INTAKE).routeId(Endpoints.PORTAL_INTAKE_ROUTE)
			.routeConfigurationId(ErrorPolicies.INTAKE)
			.bean(this.mapper, "toInbound")
			.to(Endpoints.INTAKE);
	}

}
