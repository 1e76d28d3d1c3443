package org.gridintake.gateway;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lettuce.core.RedisClient;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

import org.gridintake.adapters.geo.GazetteerAdapters;
import org.gridintake.adapters.geo.GridAdapters;
import org.gridintake.adapters.redis.OpenCaseIndexSettings;
import org.gridintake.adapters.redis.RedisAdapters;
import org.gridintake.adapters.testing.TestServers;
import org.gridintake.routes.casedraft.CaseNumber;
import org.gridintake.routes.dedup.CategoryClassifier;
import org.gridintake.routes.dedup.LabelledText;
import org.gridintake.routes.dedup.MergeFeatures;
import org.gridintake.routes.dedup.OpenCase;
import org.gridintake.routes.dedup.OpenCaseIndex;
import org.gridintake.routes.routing.Taxonomy;
import org.gridintake.routes.geo.GeoPoint;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.awaitility.Awaitility.await;

/**
 * A load generator, not a test: sustained portal intake end to end (stored, located,
 * deduplicated, routed, forward outbox written, 202 only after the commit) over N
 * connections, then the ceilings it is read against in the same JVM and on the same
 * servers (PostgreSQL single-row insert-and-commit, a bare Reactor Netty handler), then
 * memory: the merge index with 100,000 open cases, the resident city data, the idle
 * footprint. Run it with
 * {@code ./mvnw -B -ntp verify -pl gateway -am -Dtest=PortalIntakeBenchmark -Dsurefire.failIfNoSpecifiedTests=false -Dbenchmark=true};
 * {@code -Dbenchmark.connections}, {@code -Dbenchmark.seconds} and
 * {@code -Dbenchmark.warmup-seconds} tune it. docs/benchmarks.md records its figures.
 */
// a load generator, skipped without -Dbenchmark=true before its Spring context is built:
// its production timings must not reach the other tests' contexts in the same JVM
@EnabledIfSystemProperty(named = "benchmark", matches = "true")
class PortalIntakeBenchmark extends GatewayIntegrationTest {

	private static final int CONNECTIONS = Integer.getInteger("benchmark.connections", 32);

	private static final Duration MEASURE = Duration.ofSeconds(Integer.getInteger("benchmark.seconds", 20));

	private static final Duration WARM_UP = Duration.ofSeconds(Integer.getInteger("benchmark.warmup-seconds", 30));

	@LocalServerPort
	int port;

	/**
	 * The portal client's request rate limit (200/s in production configuration) would
	 * measure the limiter, not the intake: it is lifted here. This gives the benchmark a
	 * Spring context of its own, so run it in a Maven invocation of its own.
	 */
	@DynamicPropertySource
	static void unlimitedPortal(DynamicPropertyRegistry registry) {
		BenchmarkReports.benchmarkSettings(registry);
		// a list binds from one property source only: every client is restated
		String[][] clients = { { "call-centre", "call-centre", "50", "100" }, { "console", "console", "50", "100" },
				{ "portal", "portal", "1000000", "1000000" }, { "field-app", "field-app", "50", "100" } };
		for (int i = 0; i < clients.length; i++) {
			String[] client = clients[i];
			String prefix = "gateway.access.clients[" + i + "].";
			registry.add(prefix + "id", () -> client[0]);
			registry.add(prefix + "role", () -> client[1]);
			registry.add(prefix + "key", () -> CLIENT_KEYS.get(client[0]));
			registry.add(prefix + "requests-per-second", () -> client[2]);
			registry.add(prefix + "burst", () -> client[3]);
		}
	}

	@Autowired
	Taxonomy taxonomy;

	@Test
	void portalIntakeCeilingsAndMemory() throws Exception {
		java.util.function.IntFunction<byte[]> reports = BenchmarkReports.fromGazetteer()::portalBody;
		AtomicInteger next = new AtomicInteger();

		HttpLoad portal = new HttpLoad(this.port, CONNECTIONS, "Bearer " + CLIENT_KEYS.get("portal"));
		HttpLoad.Result gateway;
		long backlogAtEnd;
		double drainSeconds;
		double redisPerReport;
		double commitsPerReport;
		String redisBreakdown;
		String rowBreakdown;
		String loadAtStart;
		int stored;
		int merged;
		try {
			portal.run("/api/v1/reports", reports, next, WARM_UP, 202);
			int casesBefore = count("select count(*) from report_case");
			int mergedBefore = count("select count(*) from report_case where master_case_id is not null");
			Recording recording = startRecording();
			loadAtStart = Files.readString(Path.of("/proc/loadavg")).trim();
			long commandsBefore = redisCommands();
			long commitsBefore = databaseCommits();
			Map<String, Long> redisCallsBefore = redisCallsByCommand();
			Map<String, Long> rowWritesBefore = rowWritesByTable();
			gateway = portal.run("/api/v1/reports", reports, next, MEASURE, 202);
			redisPerReport = (double) (redisCommands() - commandsBefore) / gateway.ok();
			commitsPerReport = (double) (databaseCommits() - commitsBefore) / gateway.ok();
			redisBreakdown = perReport(redisCallsBefore, redisCallsByCommand(), gateway.ok());
			rowBreakdown = perReport(rowWritesBefore, rowWritesByTable(), gateway.ok());
			if (recording != null) {
				recording.dump(Path.of(System.getProperty("benchmark.jfr")));
				recording.close();
			}
			backlogAtEnd = count("select count(*) from forward_outbox where state = 'PENDING'");
			stored = count("select count(*) from report_case") - casesBefore;
			merged = count("select count(*) from report_case where master_case_id is not null") - mergedBefore;
			long drainStart = System.nanoTime();
			await().atMost(Duration.ofMinutes(5))
				.pollInterval(Duration.ofMillis(250))
				.until(() -> count("select count(*) from forward_outbox where state = 'PENDING'") == 0);
			drainSeconds = (System.nanoTime() - drainStart) / 1e9;
		}
		finally {
			portal.close();
		}
		String statusMix = this.jdbc
			.sql("select string_agg(status || ' ' || n, ', ' order by status) from (select status, count(*) n "
					+ "from report_case where channel = 'PORTAL' group by status) s")
			.query(String.class)
			.single();

		System.out.printf(Locale.ROOT,
				"%nPortal intake benchmark: %d connections, %s warm-up, %s measured, "
						+ "Java %s, %d cores, /proc/loadavg when measuring began: %s%n",
				CONNECTIONS, WARM_UP, MEASURE, Runtime.version(), Runtime.getRuntime().availableProcessors(),
				loadAtStart);
		System.out.println("  gateway portal intake (202 after commit): " + gateway.describe());
		System.out.printf(Locale.ROOT,
				"  cases stored during the measured period: %,d, of which %,d (%.0f%%) joined an open case; "
						+ "portal cases of the whole run by status: %s%n",
				stored, merged, 100.0 * merged / Math.max(1, stored), statusMix);
		System.out.printf(Locale.ROOT,
				"  per acknowledged report, everything running included (forwarding, SMS, schedulers): "
						+ "%.1f Redis commands, %.1f PostgreSQL commits%n",
				redisPerReport, commitsPerReport);
		System.out.println("    Redis calls per report by command: " + redisBreakdown);
		System.out.println("    PostgreSQL rows inserted or updated per report by table: " + rowBreakdown);
		System.out.printf(Locale.ROOT,
				"  forward outbox: %,d pending when the load stopped, drained to 0 in %.1f s (WireMock platforms)%n",
				backlogAtEnd, drainSeconds);
		if (!Boolean.parseBoolean(System.getProperty("benchmark.ceilings", "true"))) {
			return;
		}
		HttpLoad.Result bare = bareNettyCeiling();
		PgCeiling database = postgresCeiling();
		System.out.println("  ceiling, bare Reactor Netty handler, same load generator: " + bare.describe());
		System.out.println("  ceiling, PostgreSQL insert-and-commit: " + database);
		System.out.printf(Locale.ROOT, "  ratios: %.1f%% of the bare HTTP rate, %.1f%% of the database commit rate%n",
				100 * gateway.perSecond() / bare.perSecond(), 100 * gateway.perSecond() / database.perSecond());

		memory();
	}

	/**
	 * A Flight Recorder profile of the measured period when {@code -Dbenchmark.jfr=file}
	 * names where to write it.
	 */
	private static Recording startRecording() throws Exception {
		if (System.getProperty("benchmark.jfr") == null) {
			return null;
		}
		Recording recording = new Recording(Configuration.getConfiguration("profile"));
		recording.start();
		return recording;
	}

	private HttpLoad.Result bareNettyCeiling() {
		byte[] answer = "{\"case_number\":\"QH-20260101-000001\"}".getBytes(StandardCharsets.UTF_8);
		DisposableServer server = HttpServer.create()
			.host("127.0.0.1")
			.port(0)
			.route((routes) -> routes.post("/reports",
					(request, response) -> request.receive()
						.aggregate()
						.then(response.status(202)
							.header("Content-Type", "application/json")
							.sendByteArray(Mono.just(answer))
							.then())))
			.bindNow();
		HttpLoad load = new HttpLoad(server.port(), CONNECTIONS, null);
		try {
			byte[] body = "{\"text\":\"路灯不亮\",\"location\":{\"lon\":116.40,\"lat\":39.89}}"
				.getBytes(StandardCharsets.UTF_8);
			AtomicInteger next = new AtomicInteger();
			load.run("/reports", (i) -> body, next, WARM_UP, 202);
			return load.run("/reports", (i) -> body, next, MEASURE, 202);
		}
		finally {
			load.close();
			server.disposeNow();
		}
	}

	/**
	 * Plain JDBC, autocommit, one single-row insert per commit, as many threads as the
	 * gateway's connection pool has connections, into a table shaped like a small report
	 * row, in its own database on the same server.
	 */
	private PgCeiling postgresCeiling() throws Exception {
		String url = TestServers.postgres().createDatabase("bench_ceiling");
		int threads = 16;
		try (Connection setup = connect(url); Statement statement = setup.createStatement()) {
			statement.execute("""
					create table if not exists report_row (id bigserial primary key, case_number text not null,
					category text, lon double precision, lat double precision, description text,
					created_at timestamptz not null default now())""");
		}
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		try {
			runInserts(url, threads, pool, WARM_UP);
			long start = System.nanoTime();
			long rows = runInserts(url, threads, pool, MEASURE);
			return new PgCeiling(threads, rows, (System.nanoTime() - start) / 1e9);
		}
		finally {
			pool.shutdown();
		}
	}

	private long runInserts(String url, int threads, ExecutorService pool, Duration duration) throws Exception {
		long end = System.nanoTime() + duration.toNanos();
		List<Future<Long>> running = new ArrayList<>();
		for (int t = 0; t < threads; t++) {
			int thread = t;
			running.add(pool.submit(() -> {
				long rows = 0;
				try (Connection connection = connect(url);
						PreparedStatement insert = connection.prepareStatement(
								"insert into report_row (case_number, category, lon, lat, description) values (?, ?, ?, ?, ?)")) {
					while (System.nanoTime() < end) {
						insert.setString(1, "QH-" + thread + "-" + rows);
						insert.setString(2, "1101");
						insert.setDouble(3, 116.40);
						insert.setDouble(4, 39.89);
						insert.setString(5, "双榆街12号门口垃圾没人清");
						insert.executeUpdate();
						rows++;
					}
				}
				return rows;
			}));
		}
		long rows = 0;
		for (Future<Long> run : running) {
			rows += run.get();
		}
		return rows;
	}

	private static Connection connect(String url) throws Exception {
		return DriverManager.getConnection(url, TestServers.postgres().username(), TestServers.postgres().password());
	}

	/**
	 * Heap used after a full collection (MemoryMXBean after System.gc(), twice), Redis
	 * used_memory from INFO memory, and the process's resident set from /proc.
	 */
	private void memory() throws Exception {
		this.openCases.replaceAll(List.of());
		long heapNoCases = heapAfterGc();
		// the gateway's own index, through a client that waits long enough for one
		// 100,000-case rebuild (the gateway's command timeout is for single decisions)
		try (RedisClient redis = RedisAdapters.client(TestServers.redis().uri(), Duration.ofMinutes(2));
				StatefulRedisConnection<String, String> connection = redis.connect()) {
			OpenCaseIndex index = RedisAdapters.openCaseIndex(redis, OpenCaseIndexSettings.DEFAULTS);
			long redisBefore = usedMemory(connection);
			List<OpenCase> cases = new ArrayList<>(100_000);
			Instant now = Instant.now();
			for (int i = 0; i < 100_000; i++) {
				String[] problem = BenchmarkReports.PROBLEMS[i % BenchmarkReports.PROBLEMS.length];
				cases.add(new OpenCase(UUID.randomUUID(),
						new CaseNumber(String.format(Locale.ROOT, "QH20260101-%06d", i + 1)),
						new MergeFeatures(problem[1],
								new GeoPoint(116.372 + (i % 317) * 0.0002, 39.890 + (i / 317) * 0.00015), now,
								"双榆街" + (i % 500) + "号", problem[0])));
			}
			index.replaceAll(cases);
			cases = null;
			long redisAfter = usedMemory(connection);
			long heapWithCases = heapAfterGc();
			System.out.printf(Locale.ROOT,
					"  merge index, 100,000 open cases: Redis used_memory +%.1f MB (%d B per case); "
							+ "gateway JVM heap after GC %.1f MB with them vs %.1f MB without (%+.1f MB)%n",
					(redisAfter - redisBefore) / 1e6, (redisAfter - redisBefore) / 100_000, heapWithCases / 1e6,
					heapNoCases / 1e6, (heapWithCases - heapNoCases) / 1e6);
			index.replaceAll(List.of());
		}

		long beforeCityData = heapAfterGc();
		Object grids = GridAdapters.gridLocator(BenchmarkReports.CONFIG.resolve("grids.geojson"));
		long afterGrids = heapAfterGc();
		Object gazetteer = GazetteerAdapters.placeGeocoder(BenchmarkReports.CONFIG.resolve("places.geojson"),
				BenchmarkReports.CONFIG.resolve("grids.geojson"));
		long afterGazetteer = heapAfterGc();
		Object classifier = new CategoryClassifier(this.taxonomy, history());
		long afterClassifier = heapAfterGc();
		System.out.printf(Locale.ROOT,
				"  resident city data (heap growth after GC when a second copy is loaded): grid index %.1f MB, "
						+ "gazetteer %.1f MB, classifier %.1f MB%n",
				(afterGrids - beforeCityData) / 1e6, (afterGazetteer - afterGrids) / 1e6,
				(afterClassifier - afterGazetteer) / 1e6);
		// kept reachable until measured
		if (grids.hashCode() + gazetteer.hashCode() + classifier.hashCode() == 42) {
			System.out.print("");
		}

		grids = null;
		gazetteer = null;
		classifier = null;
		await().pollDelay(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(6)).until(() -> true);
		long idleHeap = heapAfterGc();
		System.out.printf(Locale.ROOT,
				"  idle, after the run: heap used after GC %.1f MB, committed %.1f MB, resident set %s "
						+ "(this JVM also holds the test harness: WireMock, the SMSC simulator, JUnit)%n",
				idleHeap / 1e6, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getCommitted() / 1e6,
				residentSet());
	}

	private List<LabelledText> history() throws Exception {
		ObjectMapper json = new ObjectMapper();
		List<LabelledText> history = new ArrayList<>();
		for (String line : Files.readAllLines(BenchmarkReports.CONFIG.resolve("category-history.jsonl"),
				StandardCharsets.UTF_8)) {
			if (!line.isBlank()) {
				JsonNode node = json.readTree(line);
				history.add(new LabelledText(node.get("text").asText(), node.get("category").asText()));
			}
		}
		return history;
	}

	private static long redisCommands() {
		try (RedisClient redis = RedisClient.create(TestServers.redis().uri());
				StatefulRedisConnection<String, String> connection = redis.connect()) {
			return infoField(connection, "stats", "total_commands_processed");
		}
	}

	/** Calls per command since Redis started, from INFO commandstats. */
	private static Map<String, Long> redisCallsByCommand() {
		Map<String, Long> calls = new TreeMap<>();
		try (RedisClient redis = RedisClient.create(TestServers.redis().uri());
				StatefulRedisConnection<String, String> connection = redis.connect()) {
			for (String line : connection.sync().info("commandstats").split("\\r?\\n")) {
				if (line.startsWith("cmdstat_")) {
					String command = line.substring("cmdstat_".length(), line.indexOf(':'));
					String count = line.substring(line.indexOf("calls=") + "calls=".length());
					calls.put(command, Long.parseLong(count.substring(0, count.indexOf(','))));
				}
			}
		}
		return calls;
	}

	private Map<String, Long> rowWritesByTable() {
		Map<String, Long> writes = new TreeMap<>();
		this.jdbc.sql("select relname, n_tup_ins + n_tup_upd + n_tup_del as writes from pg_stat_user_tables")
			.query((rs, row) -> writes.put(rs.getString("relname"), rs.getLong("writes")))
			.list();
		return writes;
	}

	private static String perReport(Map<String, Long> before, Map<String, Long> after, long reports) {
		StringBuilder text = new StringBuilder();
		after.entrySet()
			.stream()
			.map((entry) -> Map.entry(entry.getKey(), entry.getValue() - before.getOrDefault(entry.getKey(), 0L)))
			.filter((entry) -> entry.getValue() > 0)
			.sorted(Map.Entry.<String, Long>comparingByValue().reversed())
			.forEach((entry) -> text.append((text.length() > 0) ? ", " : "")
				.append(String.format(Locale.ROOT, "%s %.2f", entry.getKey(), (double) entry.getValue() / reports)));
		return text.toString();
	}

	private long databaseCommits() {
		return this.jdbc.sql("select xact_commit from pg_stat_database where datname = current_database()")
			.query(Long.class)
			.single();
	}

	private static long heapAfterGc() {
		System.gc();
		System.gc();
		return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
	}

	private static long usedMemory(StatefulRedisConnection<String, String> connection) {
		return infoField(connection, "memory", "used_memory");
	}

	private static long infoField(StatefulRedisConnection<String, String> connection, String section, String field) {
		for (String line : connection.sync().info(section).split("\\r?\\n")) {
			if (line.startsWith(field + ":")) {
				return Long.parseLong(line.substring(field.length() + 1).trim());
			}
		}
		throw new IllegalStateException("no " + field + " in INFO " + section);
	}

	private static String residentSet() throws Exception {
		for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
			if (line.startsWith("VmRSS:")) {
				return line.substring("VmRSS:".length()).trim();
			}
		}
		return "unknown";
	}

	/**
	 * Mostly distinct incidents: door addresses from the gazetteer, spread over the
	 * district, a problem each and a reporter number each; every tenth repeats the door
	 * and problem of one filed shortly before, so it merges into that case.
	 */
	private int count(String sql) {
		return this.jdbc.sql(sql).query(Integer.class).single();
	}

	private record PgCeiling(int threads, long rows, double seconds) {

		double perSecond() {
			return this.rows / this.seconds;
		}

		@Override
		public String toString() {
			return String.format(Locale.ROOT, "%,.0f rows/s (%,d rows in %.1f s, %d threads, autocommit)", perSecond(),
					this.rows, this.seconds, this.threads);
		}

	}

}
