package org.gridintake.gateway.config;

import java.time.Clock;

import org.gridintake.adapters.postgres.PostgresAdapters;
import org.gridintake.routes.figures.CityFigures;
import org.gridintake.routes.routing.PlatformDirectory;
import org.gridintake.routes.routing.PlatformEndpoint;
import org.gridintake.routes.sla.ServiceLevels;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The city's figures: the query behind the admin API and the Prometheus metrics. */
@Configuration(proxyBeanMethods = false)
class FiguresConfiguration {

	@Bean
	CityFigures cityFigures(PostgresAdapters postgres, ServiceLevels serviceLevels, PlatformDirectory platforms) {
		return postgres.cityFigures(serviceLevels, (id) -> platforms.byId(id).map(PlatformEndpoint::name).orElse(null));
	}

	@Bean(destroyMethod = "close")
	FiguresMetrics figuresMetrics(CityFigures figures, FiguresProperties properties, GatewayProperties gateway,
			Clock clock) {
		return new FiguresMetrics(figures, properties.metricsWindowDays(), properties.metricsRefresh(), gateway.zone(),
				clock);
	}

}
