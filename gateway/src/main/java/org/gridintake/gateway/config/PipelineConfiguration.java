package org.gridintake.gateway.config;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lettuce.core.RedisClient;

import org.gridintake.adapters.geo.GazetteerAdapters;
import org.gridintake.adapters.geo.GridAdapters;
import org.gridintake.adapters.platform.PlatformHttpAdapters;
import org.gridintake.adapters.postgres.PostgresAdapters;
import org.gridintake.adapters.redis.RedisAdapters;
import org.gridintake.routes.casedraft.CaseStore;
import org.gridintake.routes.casedraft.Channel;
import org.gridintake.routes.dedup.CategoryClassifier;
import org.gridintake.routes.dedup.MergeStep;
import org.gridintake.routes.dedup.RepeatDeliveryCheck;
import org.gridintake.routes.intake.ReporterLimit;
import org.gridintake.routes.field.AssignedAreaCheck;
import org.gridintake.routes.forward.CircuitBreakers;
import org.gridintake.routes.forward.ForwardQueue;
import org.gridintake.routes.forward.ForwardRoute;
import org.gridintake.routes.forward.Forwarder;
import org.gridintake.routes.forward.RetryPolicy;
import org.gridintake.routes.geo.GridLocator;
import org.gridintake.routes.hotline.CallLogMapper;
import org.gridintake.routes.hotline.HotlineIntakeRoute;
import org.gridintake.routes.geo.LocateStep;
import org.gridintake.routes.geo.PlaceGeocoder;
import org.gridintake.routes.geo.VersionedGridLocator;
import org.gridintake.routes.intake.CaseNumbering;
import org.gridintake.routes.intake.CaseRecorder;
import org.gridintake.routes.intake.IntakeRoute;
import org.gridintake.routes.intake.TextNormaliser;
import org.gridintake.routes.media.PhotoIntake;
import org.gridintake.routes.notify.SmsQueue;
import org.gridintake.routes.notify.SmsTemplates;
import org.gridintake.routes.pipeline.ErrorPolicies;
import org.gridintake.routes.portal.PortalIntakeRoute;
import org.gridintake.routes.portal.PortalReportMapper;
import org.gridintake.routes.routing.CaseRouter;
import org.gridintake.routes.routing.CategoryStep;
import org.gridintake.routes.routing.EscalationRoute;
import org.gridintake.routes.routing.PlatformDirectory;
import org.gridintake.routes.routing.Rerouter;
import org.gridintake.routes.routing.RoutingRulesSource;
import org.gridintake.routes.routing.PlatformEndpoint;
import org.gridintake.routes.routing.Taxonomy;
import org.gridintake.routes.sla.ServiceLevels;
import org.gridintake.routes.sms.QuietHours;
import org.gridintake.routes.sms.SmsResidents;
import org.gridintake.routes.status.PlatformStatusRoute;
import org.gridintake.routes.status.PlatformStatusUpdater;
import org.gridintake.routes.status.StatusPollRoute;
import org.gridintake.routes.status.StatusPoller;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the pipeline: adapters behind the core's ports, the steps, and one route builder
 * per flow. Configuration enters here and goes inward as plain values.
 */
@Configuration(proxyBeanMethods = false)
public class PipelineConfiguration {

	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

	@Bean
	Taxonomy taxonomy(GatewayProperties properties, ObjectMapper json) {
		return CityData.taxonomy(properties.configDir(), json);
	}

	@Bean(destroyMethod = "close")
	VersionedGridLocator gridLocator(GatewayProperties properties) {
		// grids get redrawn: a new file is picked up without a restart, older versions
		// stay for cases located under them
		return GridAdapters.reloadingGridLocator(properties.configDir().resolve("grids.geojson"),
				properties.geo().registryCheckInterval());
	}

	@Bean
	PlaceGeocoder placeGeocoder(GatewayProperties properties, VersionedGridLocator grids) {
		return GazetteerAdapters.placeGeocoder(properties.configDir().resolve("places.geojson"), grids);
	}

	@Bean
	PlatformDirectory platformDirectory(GatewayProperties properties) {
		List<PlatformEndpoint> platforms = properties.platforms()
			.stream()
			.map((p) -> new PlatformEndpoint(p.id(), p.name(), p.level(), p.areaCode(), p.casesUrl(),
					p.receivesReporterContact(), p.callbackSecret(), p.protocol()))
			.toList();
		return new PlatformDirectory(platforms);
	}

	@Bean
	PostgresAdapters postgresAdapters(DataSource dataSource) {
		return PostgresAdapters.over(dataSource);
	}

	@Bean
	CaseStore caseStore(PostgresAdapters postgres) {
		return postgres.caseStore();
	}

	@Bean
	ForwardQueue forwardQueue(PostgresAdapters postgres) {
		return postgres.forwardQueue();
	}

	@Bean
	SmsQueue smsQueue(PostgresAdapters postgres) {
		return postgres.smsQueue();
	}

	@Bean(destroyMethod = "shutdown")
	RedisClient redisClient(GatewayProperties properties) {
		return RedisAdapters.client(properties.redis().uri(), properties.redis().commandTimeout());
	}

	@Bean
	RepeatDeliveryCheck repeatDeliveryCheck(RedisClient redis, GatewayProperties properties) {
		return new RepeatDeliveryCheck(RedisAdapters.duplicateIndex(redis), properties.dedup().channelRefTtl(),
				properties.dedup().contentRefTtl());
	}

	@Bean(destroyMethod = "close")
	RoutingRulesFile routingRules(RoutingProperties routing, Taxonomy taxonomy, PlatformDirectory platforms,
			VersionedGridLocator grids) {
		return new RoutingRulesFile(routing.rulesFile(), routing.rulesCheckInterval(), taxonomy, platforms,
				(code) -> grids.unit(code).isPresent());
	}

	@Bean
	CaseRouter caseRouter(Taxonomy taxonomy, PlatformDirectory platforms, GatewayProperties properties,
			RoutingRulesSource rules, VersionedGridLocator grids) {
		CityData.requireDistrict(properties.serviceDistrict(), grids, properties.configDir());
		return new CaseRouter(taxonomy, platforms, properties.serviceDistrict(), rules);
	}

	@Bean
	Rerouter rerouter(PlatformDirectory platforms, ServiceLevels serviceLevels, GatewayProperties properties,
			PostgresAdapters postgres, RoutingProperties routing, Clock clock) {
		return new Rerouter(platforms, serviceLevels, properties.serviceDistrict(), postgres.caseRouting(), clock,
				routing.escalationBatchSize());
	}

	@Bean
	EscalationRoute escalationRoute(Rerouter rerouter) {
		return new EscalationRoute(rerouter);
	}

	@Bean
	CaseRecorder caseRecorder(CaseStore store, RepeatDeliveryCheck repeats, GatewayProperties properties) {
		// an unlocated SMS case waits for the address its reporter is asked for before it
		// goes to triage
		return new CaseRecorder(store,
				new CaseNumbering(properties.caseNumberPrefixes(), properties.serviceDistrict(), properties.zone()),
				repeats, Map.of(Channel.SMS, properties.sms().addressWindow()));
	}

	@Bean
	ErrorPolicies errorPolicies() {
		return new ErrorPolicies();
	}

	@Bean
	LocateStep locateStep(GridLocator locator, PlaceGeocoder geocoder, GatewayProperties properties) {
		return new LocateStep(locator, geocoder, properties.geo().minConfidence(),
				properties.geo().addressMismatchMeters());
	}

	@Bean
	IntakeRoute intakeRoute(RepeatDeliveryCheck repeats, ReporterLimit limit, LocateStep locate,
			AssignedAreaCheck assignedArea, CategoryClassifier classifier, CaseRouter router, MergeStep merge) {
		return new IntakeRoute(new TextNormaliser(), repeats, limit, locate, assignedArea, new CategoryStep(classifier),
				router, merge);
	}

	@Bean
	ReporterLimit reporterLimit(RedisClient redis, AccessProperties access, Clock clock) {
		// SMS answers an over-eager number by text, under its own daily rule
		return new ReporterLimit(RedisAdapters.reporterQuota(redis), access.reportsPerNumber(),
				access.reportsPerNumberWindow(), java.util.Set.of(Channel.SMS), clock);
	}

	@Bean
	HotlineIntakeRoute hotlineIntakeRoute(Taxonomy taxonomy) {
		return new HotlineIntakeRoute(new CallLogMapper(taxonomy));
	}

	@Bean
	PortalIntakeRoute portalIntakeRoute(Taxonomy taxonomy, PhotoIntake photos) {
		return new PortalIntakeRoute(new PortalReportMapper(taxonomy, photos));
	}

	@Bean
	PlatformHttpAdapters.Clients platformClients(GatewayProperties properties) {
		return PlatformHttpAdapters.clients(properties.forward().connectTimeout(),
				properties.forward().requestTimeout());
	}

	@Bean
	StatusPollRoute statusPollRoute(PlatformDirectory platforms, PostgresAdapters postgres,
			PlatformHttpAdapters.Clients clients, GatewayProperties properties) {
		return new StatusPollRoute(new StatusPoller(platforms, postgres.statusPolls(), clients.status(),
				properties.statusPolling().batchSize()));
	}

	@Bean
	ForwardRoute forwardRoute(PlatformDirectory platforms, Taxonomy taxonomy, ForwardQueue queue,
			PlatformHttpAdapters.Clients clients, GatewayProperties properties, Clock clock,
			ServiceLevels serviceLevels, Rerouter rerouter) {
		GatewayProperties.Forward forward = properties.forward();
		return new ForwardRoute(
				new Forwarder(platforms, taxonomy, clients.forwarding(), queue, retryPolicy(forward.retry()),
						new CircuitBreakers(forward.circuitFailures(), forward.circuitOpenFor(), clock), clock,
						forward.batchSize(), forward.lease(), serviceLevels, rerouter));
	}

	@Bean
	PlatformStatusRoute platformStatusRoute(CaseStore store, QuietHours quietHours, SmsResidents residents,
			GatewayProperties properties, Clock clock, Rerouter rerouter) {
		return new PlatformStatusRoute(new PlatformStatusUpdater(store, new SmsTemplates(properties.sms().templates()),
				quietHours, residents, properties.sms().surveyWindow(), clock, rerouter));
	}

	static RetryPolicy retryPolicy(GatewayProperties.Retry retry) {
		return new RetryPolicy(retry.maxAttempts(), retry.initialBackoff(), retry.maxBackoff());
	}

}
