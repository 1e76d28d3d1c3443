package org.gridintake.gateway.config;

import java.time.Clock;
import java.time.Duration;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lettuce.core.RedisClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.gridintake.adapters.postgres.PostgresAdapters;
import org.gridintake.adapters.redis.OpenCaseIndexSettings;
import org.gridintake.adapters.redis.RedisAdapters;
import org.gridintake.routes.dedup.CategoryClassifier;
import org.gridintake.routes.dedup.MergeCatchUp;
import org.gridintake.routes.dedup.MergeCatchUpRoute;
import org.gridintake.routes.dedup.MergeDecider;
import org.gridintake.routes.dedup.MergeRecords;
import org.gridintake.routes.dedup.MergeRules;
import org.gridintake.routes.dedup.MergeStep;
import org.gridintake.routes.dedup.OpenCaseIndex;
import org.gridintake.routes.intake.CaseRecorder;
import org.gridintake.routes.routing.Taxonomy;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Deduplication's second layer: the classifier, the merge rules and the open-case index.
 */
@Configuration(proxyBeanMethods = false)
class MergeConfiguration {

	private static final Logger log = LoggerFactory.getLogger(MergeConfiguration.class);

	@Bean
	CategoryClassifier categoryClassifier(Taxonomy taxonomy, MergeProperties merge, GatewayProperties properties,
			ObjectMapper json) {
		return new CategoryClassifier(taxonomy,
				CityData.history(properties.configDir().resolve(merge.classifierHistory()), taxonomy, json),
				CategoryClassifier.Settings.DEFAULTS.withThreshold(merge.classifierThreshold()));
	}

	@Bean
	MergeDecider mergeDecider(MergeProperties merge, Taxonomy taxonomy, GatewayProperties properties) {
		CityData.requireCategories("gateway.merge.radius-by-category", merge.radiusByCategory().keySet(), taxonomy,
				properties.configDir());
		CityData.requireCategories("gateway.merge.window-by-category", merge.windowByCategory().keySet(), taxonomy,
				properties.configDir());
		return new MergeDecider(new MergeRules(merge.radiusMeters(), merge.radiusByCategory(),
				merge.sameDoorSlackMeters(), merge.window(), merge.windowByCategory(), merge.clockSkew(),
				merge.vetoBelow(), merge.maxCandidates()));
	}

	@Bean
	OpenCaseIndex openCaseIndex(RedisClient redis) {
		return RedisAdapters.openCaseIndex(redis, OpenCaseIndexSettings.DEFAULTS);
	}

	@Bean
	MergeRecords mergeRecords(PostgresAdapters postgres) {
		return postgres.mergeRecords();
	}

	@Bean
	MergeStep mergeStep(MergeDecider decider, OpenCaseIndex index, CaseRecorder recorder) {
		return new MergeStep(decider, index, recorder);
	}

	@Bean
	@DependsOnDatabaseInitialization
	MergeCatchUp mergeCatchUp(MergeRecords records, OpenCaseIndex index, MergeDecider decider, MergeProperties merge,
			Clock clock) {
		Duration longest = merge.windowByCategory()
			.values()
			.stream()
			.reduce(merge.window(), (a, b) -> (a.compareTo(b) >= 0) ? a : b);
		MergeCatchUp catchUp = new MergeCatchUp(records, index, decider, longest, merge.pendingHold(), clock);
		// Built now, before the HTTP server and the SMPP link take a report: otherwise
		// every report of the first second after start-up waits in PENDING for the
		// catch-up's first run, and one arriving during that run waits for the next.
		try {
			catchUp.run();
		}
		catch (RuntimeException ex) {
			log.warn("Could not build the merge index at start-up; the catch-up tries again: {}", ex.toString());
		}
		return catchUp;
	}

	@Bean
	MergeCatchUpRoute mergeCatchUpRoute(MergeCatchUp catchUp) {
		return new MergeCatchUpRoute(catchUp);
	}

}
