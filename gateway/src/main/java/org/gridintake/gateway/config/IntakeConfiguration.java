package org.gridintake.gateway.config;

import org.gridintake.gateway.web.IntakeWorkers;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The workers the HTTP channels file reports on. */
@Configuration(proxyBeanMethods = false)
class IntakeConfiguration {

	@Bean(destroyMethod = "close")
	IntakeWorkers intakeWorkers(IntakeProperties properties) {
		return new IntakeWorkers(properties.workers(), properties.queued());
	}

}
