package org.gridintake.routes.status;

import org.apache.camel.builder.RouteBuilder;
import org.gridintake.routes.pipeline.Endpoints;

/**
 * A platform's status callback: apply it to the case and queue the residents' texts.
 * Errors go back to the platform unhandled, so it retries a callback the gateway could
 * not store.
 */
public class PlatformStatusRoute extends RouteBuilder {

	private final PlatformStatusUpdater updater;

	public PlatformStatusRoute(PlatformStatusUpdater updater) {
		this.updater = updater;
	}

	@Override
	public void configure() {
		from(Endpoints.PLATFORM_STATUS).routeId(Endpoints.PLATFORM_STATUS_ROUTE).bean(this.updater, "apply");
	}

}
