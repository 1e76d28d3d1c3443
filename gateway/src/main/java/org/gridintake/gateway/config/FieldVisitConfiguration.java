package org.gridintake.gateway.config;

import org.gridintake.adapters.workers.GridWorkerAdapters;
import org.gridintake.routes.casedraft.CaseStore;
import org.gridintake.routes.field.AssignedAreaCheck;
import org.gridintake.routes.field.EarlierUploads;
import org.gridintake.routes.field.FieldReportMapper;
import org.gridintake.routes.field.FieldVisitIntakeRoute;
import org.gridintake.routes.field.GridWorkers;
import org.gridintake.routes.geo.VersionedGridLocator;
import org.gridintake.routes.routing.Taxonomy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the field-visit channel: the worker registry, its area rule and its route. */
@Configuration(proxyBeanMethods = false)
public class FieldVisitConfiguration {

	@Bean
	GridWorkers gridWorkers(FieldVisitProperties properties, VersionedGridLocator grids) {
		// checked against the registry as loaded at start-up: a worker assigned to a
		// community that does not exist stops the gateway, naming the entry
		return GridWorkerAdapters.registry(properties.workersFile(), grids);
	}

	@Bean
	AssignedAreaCheck assignedAreaCheck(GridWorkers workers) {
		return new AssignedAreaCheck(workers);
	}

	@Bean
	FieldVisitIntakeRoute fieldVisitIntakeRoute(Taxonomy taxonomy, GridWorkers workers, CaseStore cases,
			FieldVisitProperties properties) {
		return new FieldVisitIntakeRoute(new FieldReportMapper(taxonomy, workers, properties.rules()),
				new EarlierUploads(cases));
	}

}
