package org.gridintake.gateway.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.gridintake.adapters.geo.GridAdapters;
import org.gridintake.routes.geo.VersionedGridLocator;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A wrong field-visit setting or worker registry stops the gateway at start-up, naming
 * what is wrong, instead of refusing every batch later.
 */
class FieldVisitConfigurationTest {

	private static final Path CONFIG = Path.of(System.getProperty("gateway.config-dir", "../config"));

	@TempDir
	Path temp;

	/** The settings alone, as the gateway binds them. */
	private final ApplicationContextRunner settings = new ApplicationContextRunner()
		.withUserConfiguration(BindProperties.class)
		.withPropertyValues("gateway.field-visits.workers-file=" + CONFIG.resolve("grid-workers.json"),
				"gateway.field-visits.max-reports-per-batch=100", "gateway.field-visits.max-batch-size=1MB",
				"gateway.field-visits.max-report-age=30d", "gateway.field-visits.max-future-skew=5m");

	/** The channel's wiring over the sample grid registry; the registry is read first. */
	private final ApplicationContextRunner gateway = this.settings.withUserConfiguration(FieldVisitConfiguration.class)
		.withBean(VersionedGridLocator.class,
				() -> GridAdapters.reloadingGridLocator(CONFIG.resolve("grids.geojson"), Duration.ZERO));

	@Test
	void aWorkerAssignedToAnUnknownCommunityStopsStartUpNamingTheEntry() throws IOException {
		Path workers = this.temp.resolve("grid-workers.json");
		Files.writeString(workers, """
				[{"id": "GW0070032", "community": "110199007003"},
				 {"id": "GW0090011", "community": "110199009001"}]""", StandardCharsets.UTF_8);
		this.gateway.withPropertyValues("gateway.field-visits.workers-file=" + workers).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("grid-workers.json")
				.hasMessageContaining("entry #1 (GW0090011)")
				.hasMessageContaining("110199009001");
		});
	}

	@Test
	void theSettingsAreCheckedAtStartUp() {
		this.settings.run((context) -> {
			FieldVisitProperties properties = context.getBean(FieldVisitProperties.class);
			assertThat(properties.maxBatchSize().toKilobytes()).isEqualTo(1024);
			assertThat(properties.rules().maxReportAge()).isEqualTo(Duration.ofDays(30));
		});
		assertRefused("gateway.field-visits.max-reports-per-batch=0", "maxReportsPerBatch");
		assertRefused("gateway.field-visits.max-batch-size=100MB", "max-batch-size must be between 1KB and 64MB");
		assertRefused("gateway.field-visits.max-report-age=0s", "maxReportAge");
		assertRefused("gateway.field-visits.max-future-skew=-1m", "maxFutureSkew");
		assertRefused("gateway.field-visits.workers-file=", "workersFile");
	}

	private void assertRefused(String setting, String named) {
		this.settings.withPropertyValues(setting).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).hasStackTraceContaining(named);
		});
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(FieldVisitProperties.class)
	static class BindProperties {

	}

}
