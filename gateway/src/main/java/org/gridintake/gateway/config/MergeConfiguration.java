package org.gridintake.gateway.config;

import java.time.Clock;
import java.time.Duration;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lettuce.core.RedisClient;

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
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Deduplication's second layer: the classifier, the merge rules and the open-case index.
 */
@Configuration(proxyBeanMethods = false)
class MergeConfiguration {

	@Bean
	CategoryClassifier categoryClassifier(Taxonomy taxonomy, MergeProperties merge, GatewayProperties properties,
			ObjectMapper json) {
		return new CategoryClassifier(taxonomy,
				CityData.history(properties.configDir().resolve(merge.classifierHistory()), taxonomy, json),
				CategoryClassifier.Settings.DEFAULTS.withThreshold(merge.classifierThreshold()));
	}

	@Bean
	MergeDecider mergeDecider(MergeProperties merge) {
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
	MergeCatchUp mergeCatchUp(MergeRecords records, OpenCaseIndex index, MergeDecider decider, MergeProperties merge,
			Clock clock) {
		Duration longest = merge.windowByCategory()
			.values()
			.stream()
			.reduce(merge.window(), (a, b) -> (a.compareTo(b) >= 0) ? a : b);
		return new MergeCatchUp(records, index, decider, longest, merge.pendingHold(), clock);
	}

	@Bean
	MergeCatchUpRoute mergeCatchUpRoute(MergeCatchUp catchUp) {
		return new MergeCatchUpRoute(catchUp);
	}

}
