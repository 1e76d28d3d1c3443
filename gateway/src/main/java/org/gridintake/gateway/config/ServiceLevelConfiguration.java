package org.gridintake.gateway.config;

import java.util.Map;
import java.util.stream.Collectors;

import org.gridintake.routes.routing.Taxonomy;
import org.gridintake.routes.sla.ServiceLevels;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The service levels, handed inward as a plain object. */
@Configuration(proxyBeanMethods = false)
class ServiceLevelConfiguration {

	@Bean
	ServiceLevels serviceLevels(ServiceLevelProperties levels, GatewayProperties properties, Taxonomy taxonomy) {
		CityData.requireCategories("gateway.service-levels.by-category", levels.byCategory().keySet(), taxonomy,
				properties.configDir());
		Map<String, ServiceLevels.Target> overrides = levels.byCategory()
			.entrySet()
			.stream()
			.collect(Collectors.toMap(Map.Entry::getKey, (entry) -> new ServiceLevels.Target(entry.getValue().accept(),
					entry.getValue().resolveWorkingDays())));
		return new ServiceLevels(new ServiceLevels.Target(levels.accept(), levels.resolveWorkingDays()), overrides,
				levels.workingDays(), levels.holidays(), properties.zone());
	}

}
