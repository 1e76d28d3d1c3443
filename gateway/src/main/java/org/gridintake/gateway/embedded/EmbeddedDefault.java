package org.gridintake.gateway.embedded;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.gridintake.adapters.devservers.EmbeddedPostgres;
import org.gridintake.adapters.devservers.EmbeddedRedis;
import org.gridintake.adapters.sms.simulator.SmscSimulator;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.Profiles;

/**
 * The newcomer's runtime mode (profile {@code embedded}): before the application context
 * starts, it starts real PostgreSQL and Redis servers from Maven artifacts, an SMSC
 * simulator and stub platforms on loopback, and points the gateway's ordinary settings at
 * them. Everything after that is wired exactly as in production.
 */
public class EmbeddedDefault implements EnvironmentPostProcessor, Ordered {

	public static final String PROFILE = "embedded";

	private static final Logger log = LoggerFactory.getLogger(EmbeddedDefault.class);

	/**
	 * The SMSC simulator of this JVM's embedded default, so a newcomer can text the
	 * gateway through it.
	 */
	private static volatile SmscSimulator simulator;

	static SmscSimulator simulator() {
		return simulator;
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (!environment.acceptsProfiles(Profiles.of(PROFILE))
				|| environment.getPropertySources().contains("gridintake-embedded")) {
			return;
		}
		Path dataDir = Path.of(environment.getProperty("gateway.embedded.data-dir", "var/embedded")).toAbsolutePath();
		int smscPort = environment.getProperty("gateway.embedded.smsc-port", Integer.class, 2775);
		int platformPort = environment.getProperty("gateway.embedded.platform-port", Integer.class, 8089);

		EmbeddedPostgres postgres = EmbeddedPostgres.start(dataDir.resolve("postgres"), 0);
		EmbeddedRedis redis = EmbeddedRedis.start(0);
		SmscSimulator smsc = SmscSimulator.start(smscPort);
		simulator = smsc;
		WireMockServer platforms = stubPlatforms(platformPort);
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			platforms.stop();
			smsc.close();
			redis.close();
			postgres.close();
		}, "embedded-servers-shutdown"));

		Map<String, Object> settings = new LinkedHashMap<>();
		settings.put("spring.datasource.url", postgres.jdbcUrl());
		settings.put("spring.datasource.username", postgres.username());
		settings.put("spring.datasource.password", postgres.password());
		settings.put("gateway.redis.uri", redis.uri());
		settings.put("gateway.smpp.host", "127.0.0.1");
		settings.put("gateway.smpp.port", smsc.port());
		settings.put("gateway.platform-base-url", "http://127.0.0.1:" + platforms.port());
		environment.getPropertySources().addFirst(new MapPropertySource("gridintake-embedded", settings));
		log.info(
				"Embedded servers up: PostgreSQL {} (data in {}), Redis {}, SMSC simulator on port {}, "
						+ "stub platforms on port {}",
				postgres.jdbcUrl(), dataDir, redis.uri(), smsc.port(), platforms.port());
	}

	/** Platforms that book every case and give it an id, as a real one would. */
	private static WireMockServer stubPlatforms(int port) {
		WireMockServer server = new WireMockServer(
				WireMockConfiguration.options().bindAddress("127.0.0.1").port(port).templatingEnabled(true));
		server.start();
		server.stubFor(WireMock.post(WireMock.urlPathMatching("/platforms/.+/cases"))
			.willReturn(WireMock.aResponse()
				.withStatus(201)
				.withHeader("Content-Type", "application/json")
				.withBody("{\"platform_case_id\":\"STUB-{{randomValue length=8 type='NUMERIC'}}\"}")
				.withTransformers("response-template")));
		// a merged report's new count reaches the platform as an update of the case it
		// has
		server.stubFor(WireMock.post(WireMock.urlPathMatching("/platforms/.+/cases/.+/updates"))
			.willReturn(WireMock.aResponse().withStatus(200)));
		server.addMockServiceRequestListener((request, response) -> log.info("Stub platform {} answered {} to {}",
				request.getUrl(), response.getStatus(), abbreviate(request.getBodyAsString())));
		return server;
	}

	private static String abbreviate(String body) {
		return (body.length() > 300) ? body.substring(0, 300) + "…" : body;
	}

	@Override
	public int getOrder() {
		// after the config files are read, so the active profiles are known
		return Ordered.LOWEST_PRECEDENCE;
	}

}
