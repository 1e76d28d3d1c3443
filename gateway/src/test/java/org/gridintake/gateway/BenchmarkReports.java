package org.gridintake.gateway;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * What the benchmarks send: realistic reports spread over the whole district, as a city
 * sees them. Each names one of the gazetteer's door addresses and one of twelve problems;
 * one report in ten repeats the door and problem of the one sent seven before, so it is
 * merged as a duplicate. Reports bunched in one street would measure the merge area lock
 * (near reports are decided one after another by design), not the gateway.
 */
final class BenchmarkReports {

	static final Path CONFIG = Path.of(System.getProperty("gateway.config-dir", "../config"));

	/** One report in ten repeats an earlier incident: same door, same problem. */
	private static final int DUPLICATE_EVERY = 10;

	static final String[][] PROBLEMS = { { "路灯不亮，晚上很黑", "0101" }, { "井盖缺损，有人差点掉下去", "0102" }, { "垃圾堆积没人清，很臭", "1101" },
			{ "有小贩摆摊占道经营", "1102" }, { "晚上施工噪音扰民", "1104" }, { "下雨后道路积水很深", "1105" }, { "人行道路面破损有坑", "1106" },
			{ "电动车乱停堵住路口", "1107" }, { "墙上贴满小广告", "1108" }, { "烧烤油烟太大", "1109" }, { "下水道堵了污水冒出来", "1110" },
			{ "车辆违规停车堵住消防通道", "1111" } };

	private final List<Door> doors;

	private final String runId;

	private BenchmarkReports(List<Door> doors, String runId) {
		this.doors = doors;
		this.runId = runId;
	}

	/**
	 * The shared test context runs its schedulers far more often than production, so that
	 * tests see their effects within seconds: one category's cases escalate a second
	 * after they are forwarded, the outboxes and the merge catch-up poll several times a
	 * second. A benchmark would then measure that background work instead of intake, so
	 * benchmarks run with application.yaml's timings, with two exceptions. The city
	 * figures behind the Prometheus gauges are put off past the run: their query over 30
	 * days is an operator's report, not intake (CityFiguresBenchmark measures it), and
	 * once a second it was the query PostgreSQL was running in about 40 % of the samples
	 * of its active queries. And the merge window is one minute, explained below.
	 */
	static void benchmarkSettings(DynamicPropertyRegistry registry) {
		GatewayIntegrationTest.restate(registry,
				"gateway.service-levels.by-category." + GatewayIntegrationTest.FAST_ACCEPT_CATEGORY + ".accept", "2h");
		GatewayIntegrationTest.restate(registry, "gateway.figures.metrics-refresh", "1h");
		GatewayIntegrationTest.restate(registry, "gateway.forward.poll-interval-ms", "500");
		GatewayIntegrationTest.restate(registry, "gateway.routing.escalation-check-interval-ms", "30000");
		GatewayIntegrationTest.restate(registry, "gateway.sms.poll-interval-ms", "500");
		GatewayIntegrationTest.restate(registry, "gateway.sms.inbox-poll-interval-ms", "200");
		GatewayIntegrationTest.restate(registry, "gateway.sms.parts-check-interval-ms", "30000");
		GatewayIntegrationTest.restate(registry, "gateway.merge.catch-up-interval-ms", "10000");
		// The generator has 5,793 doors and 12 problems: within production's 72 h window,
		// after a few minutes at hundreds a second nearly every report would join an open
		// case, and a long run would measure merging alone. A one-minute window keeps the
		// mix of new cases and duplicates steady however long the run.
		registry.add("gateway.merge.window", () -> "60s");
	}

	/** Reports of the gazetteer's 5,793 door addresses, numbered within one run. */
	static BenchmarkReports fromGazetteer() throws Exception {
		JsonNode places = new ObjectMapper().readTree(CONFIG.resolve("places.geojson").toFile());
		List<Door> doors = new ArrayList<>();
		for (JsonNode feature : places.get("features")) {
			if (feature.at("/properties/kind").asText().equals("address")) {
				JsonNode point = feature.at("/geometry/coordinates");
				doors.add(new Door(feature.at("/properties/name").asText(), point.get(0).asDouble(),
						point.get(1).asDouble()));
			}
		}
		return new BenchmarkReports(doors, Long.toString(System.currentTimeMillis() % 100_000, 36));
	}

	private int incident(int i) {
		return (i % DUPLICATE_EVERY == DUPLICATE_EVERY - 1) ? i - 7 : i;
	}

	private Door door(int i) {
		return this.doors.get(Math.floorMod(incident(i) * 7919, this.doors.size()));
	}

	private String[] problem(int i) {
		int incident = incident(i);
		return PROBLEMS[Math.floorMod(incident / this.doors.size() + incident, PROBLEMS.length)];
	}

	/** A reporter number of its own for each report: no per-number cap is measured. */
	String mobile(int i) {
		return "13" + String.format(Locale.ROOT, "%09d", Math.floorMod((this.runId + i).hashCode(), 1_000_000_000));
	}

	/** Report {@code i} as a portal JSON body: door point, address, category, mobile. */
	byte[] portalBody(int i) {
		Door door = door(i);
		String[] problem = problem(i);
		return """
				{"text": "%s门口%s（%s-%d）", "location": {"lon": %.7f, "lat": %.7f}, "address": "%s", \
				"mobile": "%s", "sms_allowed": true, "category": "%s"}"""
			.formatted(door.name(), problem[0], this.runId, i, door.lon(), door.lat(), door.name(), mobile(i),
					problem[1])
			.getBytes(StandardCharsets.UTF_8);
	}

	/**
	 * Report {@code i} as a resident's text: the door in words, the problem, no category
	 * (the gateway geocodes and classifies it).
	 */
	String smsText(int i) {
		return "%s门口%s（%s-%d）".formatted(door(i).name(), problem(i)[0], this.runId, i);
	}

	private record Door(String name, double lon, double lat) {
	}

}
