package org.gridintake.gateway.replay;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What to replay, against which gateway, how fast and with which credentials. Every key
 * may also come from the environment the gateway itself reads ({@code GATEWAY_KEYS_*},
 * {@code GATEWAY_ADMIN_TOKEN}).
 *
 * @param smscPort run an SMSC simulator of the replay's own on this port, for the gateway
 * to bind to; null when not asked
 * @param embeddedSmsUrl the embedded default's {@code /embedded/sms}, to deliver through
 * its own simulator instead; null when not asked
 * @param runId distinguishes this run's call ids, idempotency keys and field client ids
 * from an earlier run's, so a second replay files new cases instead of repeats
 */
record ReplayOptions(Path input, URI gateway, Pacing pacing, int concurrency, Integer smscPort, URI embeddedSmsUrl,
		String shortCode, Map<String, String> keys, String adminToken, Path output, Duration collectTimeout,
		Duration bindTimeout, String runId) {

	static final String USAGE = """
			usage: replay.sh --input reports.jsonl [options]
			  --url URL                  the gateway (default http://localhost:8080)
			  --pace original            keep the gaps between received_at (default)
			  --speed N                  the original gaps divided by N
			  --fast                     as fast as possible, with --concurrency senders
			  --concurrency N            senders at once (default 8)
			  --smsc-port P              run an SMSC simulator on 127.0.0.1:P; the gateway must bind to it
			                             (start it with SMPP_HOST=127.0.0.1 SMPP_PORT=P)
			  --embedded-sms-url URL     deliver SMS through the embedded default's simulator instead
			                             (e.g. http://localhost:8080/embedded/sms)
			  --short-code CODE          the number residents text (default 12345)
			  --key-portal KEY           or GATEWAY_KEYS_PORTAL
			  --key-call-centre KEY      or GATEWAY_KEYS_CALL_CENTRE
			  --key-field-app KEY        or GATEWAY_KEYS_FIELD_APP
			  --admin-token TOKEN        or GATEWAY_ADMIN_TOKEN; needed to follow SMS reports to their cases
			  --out FILE                 the results JSONL (default replay-results.jsonl)
			  --collect-timeout SECONDS  how long to wait for texted reports to be filed (default 120)
			  --bind-timeout SECONDS     how long to wait for the gateway to bind to --smsc-port and report
			                             itself healthy (default 120)
			  --run-id ID                prefix of call ids and idempotency keys (default: random)
			""";

	/**
	 * @throws IllegalArgumentException naming each bad or missing option
	 */
	static ReplayOptions parse(String[] args, Map<String, String> env) {
		List<String> problems = new ArrayList<>();
		Map<String, String> values = new java.util.HashMap<>();
		java.util.Set<String> flags = new java.util.HashSet<>();
		java.util.Set<String> valued = java.util.Set.of("--input", "--url", "--pace", "--speed", "--concurrency",
				"--smsc-port", "--embedded-sms-url", "--short-code", "--key-portal", "--key-call-centre",
				"--key-field-app", "--admin-token", "--out", "--collect-timeout", "--bind-timeout", "--run-id");
		for (int i = 0; i < args.length; i++) {
			String arg = args[i];
			String value = null;
			int equals = arg.indexOf('=');
			if (arg.startsWith("--") && equals > 0) {
				value = arg.substring(equals + 1);
				arg = arg.substring(0, equals);
			}
			if (arg.equals("--fast") || arg.equals("--help")) {
				flags.add(arg);
			}
			else if (valued.contains(arg)) {
				if (value == null) {
					if (i + 1 >= args.length) {
						problems.add(arg + " needs a value");
						continue;
					}
					value = args[++i];
				}
				values.put(arg, value);
			}
			else {
				problems.add("unknown option " + arg);
			}
		}
		if (flags.contains("--help")) {
			throw new IllegalArgumentException("");
		}
		Path input = null;
		if (values.containsKey("--input")) {
			input = Path.of(values.get("--input"));
		}
		else {
			problems.add("--input is required");
		}
		URI gateway = uri(values.getOrDefault("--url", "http://localhost:8080"), "--url", problems);
		int paceModes = (values.containsKey("--pace") ? 1 : 0) + (values.containsKey("--speed") ? 1 : 0)
				+ (flags.contains("--fast") ? 1 : 0);
		Pacing pacing = Pacing.ORIGINAL;
		if (paceModes > 1) {
			problems.add("choose one of --pace original, --speed N, --fast");
		}
		else if (flags.contains("--fast")) {
			pacing = Pacing.FAST;
		}
		else if (values.containsKey("--speed")) {
			Double speed = number(values.get("--speed"), "--speed", problems);
			if (speed != null && speed > 0 && !speed.isInfinite()) {
				pacing = new Pacing(speed);
			}
			else if (speed != null) {
				problems.add("--speed must be a positive number");
			}
		}
		else if (values.containsKey("--pace") && !values.get("--pace").equals("original")) {
			problems.add("--pace must be original (or use --speed N, --fast)");
		}
		int concurrency = whole(values.getOrDefault("--concurrency", "8"), "--concurrency", 1, 512, problems);
		Integer smscPort = values.containsKey("--smsc-port")
				? whole(values.get("--smsc-port"), "--smsc-port", 1, 65535, problems) : null;
		URI embeddedSms = values.containsKey("--embedded-sms-url")
				? uri(values.get("--embedded-sms-url"), "--embedded-sms-url", problems) : null;
		if (smscPort != null && embeddedSms != null) {
			problems.add("choose one of --smsc-port and --embedded-sms-url");
		}
		Map<String, String> keys = new java.util.HashMap<>();
		key(keys, "portal", values.get("--key-portal"), env.get("GATEWAY_KEYS_PORTAL"));
		key(keys, "call-centre", values.get("--key-call-centre"), env.get("GATEWAY_KEYS_CALL_CENTRE"));
		key(keys, "field-app", values.get("--key-field-app"), env.get("GATEWAY_KEYS_FIELD_APP"));
		String admin = values.getOrDefault("--admin-token", env.get("GATEWAY_ADMIN_TOKEN"));
		Path output = Path.of(values.getOrDefault("--out", "replay-results.jsonl"));
		Duration collect = Duration.ofSeconds(
				whole(values.getOrDefault("--collect-timeout", "120"), "--collect-timeout", 0, 86_400, problems));
		Duration bind = Duration
			.ofSeconds(whole(values.getOrDefault("--bind-timeout", "120"), "--bind-timeout", 1, 86_400, problems));
		String runId = values.getOrDefault("--run-id", UUID.randomUUID().toString().substring(0, 8));
		if (!runId.matches("[A-Za-z0-9_-]{1,32}")) {
			problems.add("--run-id must be 1 to 32 letters, digits, - or _");
		}
		String shortCode = values.getOrDefault("--short-code", "12345");
		if (!shortCode.matches("\\d{1,20}")) {
			problems.add("--short-code must be digits");
		}
		if (!problems.isEmpty()) {
			throw new IllegalArgumentException(String.join("\n", problems));
		}
		return new ReplayOptions(input, gateway, pacing, concurrency, smscPort, embeddedSms, shortCode,
				Map.copyOf(keys), admin, output, collect, bind, runId);
	}

	private static void key(Map<String, String> keys, String client, String option, String environment) {
		String key = (option != null) ? option : environment;
		if (key != null && !key.isBlank()) {
			keys.put(client, key.strip());
		}
	}

	private static URI uri(String value, String option, List<String> problems) {
		try {
			URI uri = URI
				.create(value.endsWith("/") && option.equals("--url") ? value.substring(0, value.length() - 1) : value);
			if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
				return uri;
			}
		}
		catch (IllegalArgumentException ex) {
			// named below
		}
		problems.add(option + " must be an http(s) URL");
		return null;
	}

	private static Double number(String value, String option, List<String> problems) {
		try {
			return Double.valueOf(value);
		}
		catch (NumberFormatException ex) {
			problems.add(option + " must be a number");
			return null;
		}
	}

	private static int whole(String value, String option, int min, int max, List<String> problems) {
		try {
			int number = Integer.parseInt(value);
			if (number >= min && number <= max) {
				return number;
			}
		}
		catch (NumberFormatException ex) {
			// named below
		}
		problems.add(option + " must be a whole number from " + min + " to " + max);
		return min;
	}

}
