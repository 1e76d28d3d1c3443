package org.gridintake.adapters.redis;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lettuce.core.LettuceFutures;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScoredValue;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.api.sync.RedisCommands;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.gridintake.routes.casedraft.CaseNumber;
import org.gridintake.routes.dedup.MergeCandidate;
import org.gridintake.routes.dedup.MergeFeatures;
import org.gridintake.routes.dedup.MergeIndexUnavailableException;
import org.gridintake.routes.dedup.OpenCase;
import org.gridintake.routes.dedup.OpenCaseIndex;
import org.gridintake.routes.geo.GeoPoint;

/**
 * Open master cases in Redis, under a prefix {@code P} (default {@code gi:merge:}):
 * <ul>
 * <li>{@code P geo:<category>}: a GEO set of case ids, searched with {@code GEOSEARCH}
 * nearest first;</li>
 * <li>{@code P case:<category>}: a hash, case id → the case's number and merge features
 * as JSON, fetched by the same script as the search, so {@link #near} is one round
 * trip;</li>
 * <li>{@code P opened}: a sorted set of {@code <category>/<case id>} by opening time, for
 * {@link #prune};</li>
 * <li>{@code P categories}: the categories that have keys, so a rebuild knows what to
 * replace;</li>
 * <li>{@code P lock:<category>:<x>:<y>}: area locks on coarse cells.</li>
 * </ul>
 * Each change is one Lua script, so no reader sees a case in the GEO set without its
 * features. The scripts name keys they derive from the prefix, which a single Redis (as
 * deployed) allows and Redis Cluster would not.
 *
 * <p>
 * <b>Area lock.</b> Two reports of one incident are each within the other's search
 * circle, so a lock on the cells of the search circle's bounding box always includes the
 * cell of the other report's point, and the two decisions cannot overlap. All cells are
 * taken at once by a script that sets them only if none is held (no partial holds, hence
 * no lock ordering and no deadlock), each with a random token and a lease. A holder
 * releases only cells still holding its token (compare-and-delete), so a lease that ran
 * out and was taken by another instance is never freed by the first. A report finding its
 * area held retries with jittered exponential backoff up to the configured wait.
 *
 * <p>
 * Connects lazily, so the gateway starts while Redis is down; every Redis failure becomes
 * a {@link MergeIndexUnavailableException}.
 */
class RedisOpenCaseIndex implements OpenCaseIndex {

	private static final Logger log = LoggerFactory.getLogger(RedisOpenCaseIndex.class);

	private static final double METERS_PER_DEGREE = 6_371_008.8 * Math.PI / 180.0;

	private static final int PRUNE_BATCH = 500;

	private static final int REBUILD_BATCH = 1_000;

	/** A half-built index left by a crashed rebuild disappears by itself. */
	private static final Duration BUILD_KEYS_TTL = Duration.ofHours(1);

	private static final Duration REBUILD_TIMEOUT = Duration.ofMinutes(2);

	private static final long FIRST_BACKOFF_MICROS = 500;

	private static final long MAX_BACKOFF_MICROS = 50_000;

	// An index that was never built, or that a Redis restarted without its data lost,
	// would find nothing and let a duplicate open a second case: the caller defers
	// instead.
	private static final Script NEAR = new Script(
			"""
					if redis.call('EXISTS', KEYS[3]) == 0 then return redis.error_reply('NOTBUILT open-case index not built') end
					local hits = redis.call('GEOSEARCH', KEYS[1], 'FROMLONLAT', ARGV[1], ARGV[2],
						'BYRADIUS', ARGV[3], 'm', 'ASC', 'COUNT', tonumber(ARGV[4]))
					if #hits == 0 then return {} end
					local values = redis.call('HMGET', KEYS[2], unpack(hits))
					local out = {}
					for i, id in ipairs(hits) do
						if values[i] then out[#out + 1] = values[i] end
					end
					return out""");

	private static final Script ADD = new Script("""
			redis.call('GEOADD', KEYS[1], ARGV[1], ARGV[2], ARGV[3])
			redis.call('HSET', KEYS[2], ARGV[3], ARGV[4])
			redis.call('ZADD', KEYS[3], ARGV[5], ARGV[6])
			redis.call('SADD', KEYS[4], ARGV[7])
			return 1""");

	private static final Script REMOVE = new Script("""
			local n = redis.call('ZREM', KEYS[1], ARGV[1])
			redis.call('HDEL', KEYS[2], ARGV[1])
			redis.call('ZREM', KEYS[3], ARGV[2])
			return n""");

	private static final Script PRUNE = new Script("""
			local old = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', '(' .. ARGV[1], 'LIMIT', 0, tonumber(ARGV[2]))
			for _, member in ipairs(old) do
				local slash = string.find(member, '/', 1, true)
				local category = string.sub(member, 1, slash - 1)
				local id = string.sub(member, slash + 1)
				redis.call('ZREM', ARGV[3] .. 'geo:' .. category, id)
				redis.call('HDEL', ARGV[3] .. 'case:' .. category, id)
				redis.call('ZREM', KEYS[1], member)
			end
			return #old""");

	private static final Script SWAP = new Script("""
			local live, build = ARGV[1], ARGV[2]
			for _, category in ipairs(redis.call('SMEMBERS', live .. 'categories')) do
				redis.call('UNLINK', live .. 'geo:' .. category, live .. 'case:' .. category)
			end
			redis.call('UNLINK', live .. 'opened', live .. 'categories')
			local categories = redis.call('SMEMBERS', build .. 'categories')
			for _, category in ipairs(categories) do
				for _, kind in ipairs({'geo:', 'case:'}) do
					redis.call('RENAME', build .. kind .. category, live .. kind .. category)
					redis.call('PERSIST', live .. kind .. category)
				end
			end
			if #categories > 0 then
				for _, name in ipairs({'opened', 'categories'}) do
					redis.call('RENAME', build .. name, live .. name)
					redis.call('PERSIST', live .. name)
				end
			end
			redis.call('SET', live .. 'built', '1')
			return #categories""");

	private static final Script LOCK = new Script("""
			for _, key in ipairs(KEYS) do
				if redis.call('EXISTS', key) == 1 then return 0 end
			end
			for _, key in ipairs(KEYS) do
				redis.call('SET', key, ARGV[1], 'PX', ARGV[2])
			end
			return 1""");

	// LOCK and NEAR in one round trip: {0} while another decision holds a cell, else {1,
	// the masters found}. The built marker is checked first, so an unbuilt index holds
	// nothing.
	private static final Script HOLD = new Script(
			"""
					if redis.call('EXISTS', KEYS[3]) == 0 then return redis.error_reply('NOTBUILT open-case index not built') end
					for i = 4, #KEYS do
						if redis.call('EXISTS', KEYS[i]) == 1 then return {0} end
					end
					for i = 4, #KEYS do
						redis.call('SET', KEYS[i], ARGV[5], 'PX', ARGV[6])
					end
					local out = {1}
					local hits = redis.call('GEOSEARCH', KEYS[1], 'FROMLONLAT', ARGV[1], ARGV[2],
						'BYRADIUS', ARGV[3], 'm', 'ASC', 'COUNT', tonumber(ARGV[4]))
					if #hits == 0 then return out end
					local values = redis.call('HMGET', KEYS[2], unpack(hits))
					for i, id in ipairs(hits) do
						if values[i] then out[#out + 1] = values[i] end
					end
					return out""");

	// ADD and UNLOCK in one round trip; KEYS[5..] are the held cells, ARGV[8] their
	// token.
	private static final Script ADD_AND_UNLOCK = new Script("""
			redis.call('GEOADD', KEYS[1], ARGV[1], ARGV[2], ARGV[3])
			redis.call('HSET', KEYS[2], ARGV[3], ARGV[4])
			redis.call('ZADD', KEYS[3], ARGV[5], ARGV[6])
			redis.call('SADD', KEYS[4], ARGV[7])
			for i = 5, #KEYS do
				if redis.call('GET', KEYS[i]) == ARGV[8] then redis.call('DEL', KEYS[i]) end
			end
			return 1""");

	private static final Script UNLOCK = new Script("""
			local n = 0
			for _, key in ipairs(KEYS) do
				if redis.call('GET', key) == ARGV[1] then n = n + redis.call('DEL', key) end
			end
			return n""");

	private final RedisClient client;

	private final OpenCaseIndexSettings settings;

	private final String prefix;

	private final ObjectMapper json = new ObjectMapper();

	private StatefulRedisConnection<String, String> connection;

	RedisOpenCaseIndex(RedisClient client, OpenCaseIndexSettings settings) {
		this.client = client;
		this.settings = settings;
		this.prefix = settings.keyPrefix();
	}

	@Override
	public List<MergeCandidate> near(String categoryCode, GeoPoint point, double radiusMeters, int limit) {
		if (limit < 1 || !(radiusMeters > 0)) {
			return List.of();
		}
		List<Object> found = call(NEAR, ScriptOutputType.MULTI,
				new String[] { geoKey(this.prefix, categoryCode), caseKey(this.prefix, categoryCode),
						this.prefix + "built" },
				number(point.lon()), number(point.lat()), number(radiusMeters), Integer.toString(limit));
		return candidates(found, 0, point);
	}

	private List<MergeCandidate> candidates(List<Object> found, int from, GeoPoint point) {
		List<MergeCandidate> candidates = new ArrayList<>(found.size());
		for (Object value : found.subList(from, found.size())) {
			OpenCase openCase = decode((String) value);
			if (openCase == null) {
				continue;
			}
			// The features keep the exact point; the GEO set's is rounded to its geohash.
			candidates.add(new MergeCandidate(openCase, point.distanceMeters(openCase.features().point())));
		}
		candidates.sort(Comparator.comparingDouble(MergeCandidate::distanceMeters));
		return candidates;
	}

	@Override
	public HeldArea hold(String categoryCode, GeoPoint point, double radiusMeters, int limit) {
		if (limit < 1 || !(radiusMeters > 0)) {
			return new HeldArea(lock(categoryCode, point, radiusMeters), List.of());
		}
		Set<String> cells = cells(categoryCode, point, radiusMeters);
		List<String> keys = new ArrayList<>(cells.size() + 3);
		keys.addAll(
				List.of(geoKey(this.prefix, categoryCode), caseKey(this.prefix, categoryCode), this.prefix + "built"));
		keys.addAll(cells);
		String token = UUID.randomUUID().toString();
		String[] keyArray = keys.toArray(String[]::new);
		List<Object> found = retryWhileHeld(point, categoryCode,
				() -> call(HOLD, ScriptOutputType.MULTI, keyArray, number(point.lon()), number(point.lat()),
						number(radiusMeters), Integer.toString(limit), token,
						Long.toString(this.settings.lockLease().toMillis())),
				(List<Object> reply) -> !reply.isEmpty() && Long.valueOf(1).equals(reply.get(0)));
		return new HeldArea(new HeldCells(cells.toArray(String[]::new), token), candidates(found, 1, point));
	}

	@Override
	public void addAndRelease(OpenCase openCase, AreaLock lock) {
		if (!(lock instanceof HeldCells held)) {
			OpenCaseIndex.super.addAndRelease(openCase, lock);
			return;
		}
		MergeFeatures features = requireIndexable(openCase);
		String category = features.categoryCode();
		String id = openCase.caseId().toString();
		List<String> keys = new ArrayList<>(List.of(geoKey(this.prefix, category), caseKey(this.prefix, category),
				openedKey(this.prefix), categoriesKey(this.prefix)));
		keys.addAll(List.of(held.keys()));
		call(ADD_AND_UNLOCK, ScriptOutputType.INTEGER, keys.toArray(String[]::new), number(features.point().lon()),
				number(features.point().lat()), id, encode(openCase), Long.toString(features.at().toEpochMilli()),
				openedMember(category, id), category, held.token());
	}

	@Override
	public void add(OpenCase openCase) {
		MergeFeatures features = requireIndexable(openCase);
		String category = features.categoryCode();
		String id = openCase.caseId().toString();
		call(ADD, ScriptOutputType.INTEGER,
				new String[] { geoKey(this.prefix, category), caseKey(this.prefix, category), openedKey(this.prefix),
						categoriesKey(this.prefix) },
				number(features.point().lon()), number(features.point().lat()), id, encode(openCase),
				Long.toString(features.at().toEpochMilli()), openedMember(category, id), category);
	}

	@Override
	public void remove(UUID caseId, String categoryCode) {
		String id = caseId.toString();
		call(REMOVE, ScriptOutputType.INTEGER, new String[] { geoKey(this.prefix, categoryCode),
				caseKey(this.prefix, categoryCode), openedKey(this.prefix) }, id, openedMember(categoryCode, id));
	}

	@Override
	public void prune(Duration maxAge, Instant now) {
		String cutoff = Long.toString(now.minus(maxAge).toEpochMilli());
		long pruned;
		do {
			pruned = (Long) call(PRUNE, ScriptOutputType.INTEGER, new String[] { openedKey(this.prefix) }, cutoff,
					Integer.toString(PRUNE_BATCH), this.prefix);
		}
		while (pruned == PRUNE_BATCH);
	}

	/**
	 * Builds the new index under keys of its own, pipelined, then swaps it in with one
	 * script: readers see the old index or the new one, never a half-built one. Cases
	 * added or removed between reading the source of truth and the swap are not in the
	 * new index; the caller reconciles them (the catch-up after a rebuild).
	 */
	/**
	 * A marker set by the last rebuild's swap: a Redis that restarted without its data
	 * has lost it, and an empty index would merge nothing.
	 */
	@Override
	public boolean isBuilt() {
		try {
			return connection().sync().exists(this.prefix + "built") == 1;
		}
		catch (RedisException ex) {
			throw unavailable(ex);
		}
	}

	@Override
	public void replaceAll(Collection<OpenCase> openCases) {
		String build = this.prefix + "build:" + UUID.randomUUID() + ":";
		Map<String, List<OpenCase>> byCategory = new LinkedHashMap<>();
		for (OpenCase openCase : openCases) {
			byCategory.computeIfAbsent(requireIndexable(openCase).categoryCode(), (c) -> new ArrayList<>())
				.add(openCase);
		}
		try {
			RedisAsyncCommands<String, String> async = connection().async();
			List<RedisFuture<?>> pending = new ArrayList<>();
			for (Map.Entry<String, List<OpenCase>> category : byCategory.entrySet()) {
				List<OpenCase> cases = category.getValue();
				for (int from = 0; from < cases.size(); from += REBUILD_BATCH) {
					List<OpenCase> batch = cases.subList(from, Math.min(cases.size(), from + REBUILD_BATCH));
					pending.addAll(writeBatch(async, build, category.getKey(), batch));
				}
				for (String key : List.of(geoKey(build, category.getKey()), caseKey(build, category.getKey()))) {
					pending.add(async.pexpire(key, BUILD_KEYS_TTL.toMillis()));
				}
			}
			for (String key : List.of(openedKey(build), categoriesKey(build))) {
				pending.add(async.pexpire(key, BUILD_KEYS_TTL.toMillis()));
			}
			if (!LettuceFutures.awaitAll(REBUILD_TIMEOUT, pending.toArray(RedisFuture[]::new))) {
				throw new MergeIndexUnavailableException("Redis: rebuilding the open-case index timed out", null);
			}
		}
		catch (RedisException ex) {
			throw unavailable(ex);
		}
		call(SWAP, ScriptOutputType.INTEGER, new String[0], this.prefix, build);
		log.info("Open-case index rebuilt: {} open cases in {} categories", openCases.size(), byCategory.size());
	}

	private List<RedisFuture<?>> writeBatch(RedisAsyncCommands<String, String> async, String build, String category,
			List<OpenCase> batch) {
		Object[] positions = new Object[batch.size() * 3];
		Map<String, String> values = new HashMap<>();
		@SuppressWarnings("unchecked")
		ScoredValue<String>[] opened = new ScoredValue[batch.size()];
		for (int i = 0; i < batch.size(); i++) {
			OpenCase openCase = batch.get(i);
			String id = openCase.caseId().toString();
			positions[3 * i] = openCase.features().point().lon();
			positions[3 * i + 1] = openCase.features().point().lat();
			positions[3 * i + 2] = id;
			values.put(id, encode(openCase));
			opened[i] = ScoredValue.just(openCase.features().at().toEpochMilli(), openedMember(category, id));
		}
		return List.of(async.geoadd(geoKey(build, category), positions), async.hset(caseKey(build, category), values),
				async.zadd(openedKey(build), opened), async.sadd(categoriesKey(build), category));
	}

	@Override
	public AreaLock lock(String categoryCode, GeoPoint point, double radiusMeters) {
		String[] keys = cells(categoryCode, point, radiusMeters).toArray(String[]::new);
		String token = UUID.randomUUID().toString();
		String lease = Long.toString(this.settings.lockLease().toMillis());
		retryWhileHeld(point, categoryCode, () -> (Long) call(LOCK, ScriptOutputType.INTEGER, keys, token, lease),
				(Long held) -> held == 1L);
		return new HeldCells(keys, token);
	}

	/**
	 * Tries to take an area until {@code taken} says so, with jittered exponential
	 * backoff, for at most the configured wait.
	 */
	private <T> T retryWhileHeld(GeoPoint point, String categoryCode, java.util.function.Supplier<T> attempt,
			java.util.function.Predicate<T> taken) {
		long deadline = System.nanoTime() + this.settings.lockWait().toNanos();
		long backoffMicros = FIRST_BACKOFF_MICROS;
		while (true) {
			T reply = attempt.get();
			if (taken.test(reply)) {
				return reply;
			}
			if (System.nanoTime() >= deadline) {
				throw new MergeIndexUnavailableException("the area around " + point + " for category " + categoryCode
						+ " stayed held by another decision for " + this.settings.lockWait(), null);
			}
			// Jitter keeps two waiters from retrying in step with each other.
			long sleep = ThreadLocalRandom.current().nextLong(backoffMicros / 2, backoffMicros + 1);
			try {
				TimeUnit.MICROSECONDS.sleep(sleep);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new MergeIndexUnavailableException("interrupted while waiting for an area lock", ex);
			}
			backoffMicros = Math.min(MAX_BACKOFF_MICROS, backoffMicros * 2);
		}
	}

	/** Cells held with one token; closing releases those still holding it. */
	private final class HeldCells implements AreaLock {

		private final String[] keys;

		private final String token;

		HeldCells(String[] keys, String token) {
			this.keys = keys;
			this.token = token;
		}

		String[] keys() {
			return this.keys;
		}

		String token() {
			return this.token;
		}

		@Override
		public void close() {
			try {
				call(UNLOCK, ScriptOutputType.INTEGER, this.keys, this.token);
			}
			catch (MergeIndexUnavailableException ex) {
				// The decision is made; the lease frees the area shortly, so failing here
				// would only hide what the caller did.
				log.warn("Could not release an area lock ({}); it frees itself after {}", ex.getMessage(),
						RedisOpenCaseIndex.this.settings.lockLease());
			}
		}

	}

	/**
	 * The lock cells the bounding box of the search circle touches, in a grid of fixed
	 * degrees so that every instance derives the same cells for a position.
	 */
	Set<String> cells(String categoryCode, GeoPoint point, double radiusMeters) {
		double cell = this.settings.lockCellMeters() / METERS_PER_DEGREE;
		double dLat = radiusMeters / METERS_PER_DEGREE;
		double dLon = dLat / Math.max(0.01, Math.cos(Math.toRadians(point.lat())));
		long minX = (long) Math.floor((point.lon() - dLon) / cell);
		long maxX = (long) Math.floor((point.lon() + dLon) / cell);
		long minY = (long) Math.floor((point.lat() - dLat) / cell);
		long maxY = (long) Math.floor((point.lat() + dLat) / cell);
		Set<String> keys = new TreeSet<>();
		for (long x = minX; x <= maxX; x++) {
			for (long y = minY; y <= maxY; y++) {
				keys.add(this.prefix + "lock:" + categoryCode + ":" + x + ":" + y);
			}
		}
		return keys;
	}

	private static MergeFeatures requireIndexable(OpenCase openCase) {
		MergeFeatures features = openCase.features();
		if (features.categoryCode() == null || features.point() == null || features.at() == null) {
			throw new IllegalArgumentException(
					"case " + openCase.caseNumber() + " has no category, point or time and cannot be a master");
		}
		return features;
	}

	private String encode(OpenCase openCase) {
		MergeFeatures f = openCase.features();
		try {
			return this.json.writeValueAsString(
					new Stored(openCase.caseId().toString(), openCase.caseNumber().value(), f.categoryCode(),
							f.point().lon(), f.point().lat(), f.at().toEpochMilli(), f.doorPlate(), f.problemText()));
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException("cannot encode case " + openCase.caseNumber(), ex);
		}
	}

	/** The case, or null when the entry cannot be read. */
	private OpenCase decode(String value) {
		try {
			Stored s = this.json.readValue(value, Stored.class);
			return new OpenCase(UUID.fromString(s.id()), new CaseNumber(s.number()), new MergeFeatures(s.category(),
					new GeoPoint(s.lon(), s.lat()), Instant.ofEpochMilli(s.at()), s.door(), s.text()));
		}
		catch (JsonProcessingException | IllegalArgumentException ex) {
			// One bad entry must not stop every merge around it; the next rebuild drops
			// it.
			log.warn("Skipping an unreadable open-case entry: {}", value, ex);
			return null;
		}
	}

	/** One open case as stored; short names, as there are many. */
	record Stored(String id, String number, String category, double lon, double lat, long at, String door,
			String text) {
	}

	@SuppressWarnings("unchecked")
	private <T> T call(Script script, ScriptOutputType type, String[] keys, String... args) {
		try {
			RedisCommands<String, String> commands = connection().sync();
			try {
				return (T) commands.evalsha(script.sha(commands), type, keys, args);
			}
			catch (RedisNoScriptException ex) {
				// a restarted Redis has forgotten its scripts; EVAL loads it again
				return (T) commands.eval(script.source(), type, keys, args);
			}
		}
		catch (RedisException ex) {
			throw unavailable(ex);
		}
	}

	private static MergeIndexUnavailableException unavailable(RedisException ex) {
		return new MergeIndexUnavailableException("Redis: " + ex.getMessage(), ex);
	}

	private synchronized StatefulRedisConnection<String, String> connection() {
		if (this.connection == null || !this.connection.isOpen()) {
			this.connection = this.client.connect();
		}
		return this.connection;
	}

	static String geoKey(String prefix, String category) {
		return prefix + "geo:" + category;
	}

	static String caseKey(String prefix, String category) {
		return prefix + "case:" + category;
	}

	static String openedKey(String prefix) {
		return prefix + "opened";
	}

	static String categoriesKey(String prefix) {
		return prefix + "categories";
	}

	private static String openedMember(String category, String id) {
		return category + "/" + id;
	}

	private static String number(double value) {
		return String.format(Locale.ROOT, "%.7f", value);
	}

	/** A Lua script and its SHA-1, computed once. */
	private static final class Script {

		private final String source;

		private volatile String sha;

		Script(String source) {
			this.source = source;
		}

		String source() {
			return this.source;
		}

		String sha(RedisCommands<String, String> commands) {
			String digest = this.sha;
			if (digest == null) {
				digest = commands.digest(this.source);
				this.sha = digest;
			}
			return digest;
		}

	}

}
