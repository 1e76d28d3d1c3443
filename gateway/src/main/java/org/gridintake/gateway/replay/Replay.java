package org.gridintake.gateway.replay;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.gridintake.adapters.sms.simulator.SmscSimulator;

/**
 * The replay command: sends a JSONL of reports to a running gateway, each through its
 * real channel, at the original pace, faster, or as fast as it goes; then collects what
 * became of every report, writes the results JSONL and prints the figures. A plain
 * program, no Spring: it is a client of the gateway like any other. See README, "Replay".
 */
public final class Replay {

	/** Texts sent before this much earlier belong to another run. */
	private static final Duration CLOCK_SLACK = Duration.ofSeconds(60);

	private final ReplayOptions options;

	private final SmsDelivery sms;

	private final PrintStream out;

	private final ObjectMapper json = new ObjectMapper();

	Replay(ReplayOptions options, SmsDelivery sms, PrintStream out) {
		this.options = options;
		this.sms = sms;
		this.out = out;
	}

	public static void main(String[] args) {
		System.exit(run(args, System.getenv(), System.out));
	}

	/**
	 * @return the exit status: 0 when every report was acknowledged, 1 when some were
	 * not, 2 for bad options or input
	 */
	static int run(String[] args, Map<String, String> env, PrintStream out) {
		ReplayOptions options;
		try {
			options = ReplayOptions.parse(args, env);
		}
		catch (IllegalArgumentException ex) {
			if (!ex.getMessage().isEmpty()) {
				out.println(ex.getMessage());
			}
			out.print(ReplayOptions.USAGE);
			return 2;
		}
		SmscSimulator own = null;
		try {
			SmsDelivery sms = null;
			if (options.smscPort() != null) {
				own = SmscSimulator.start(options.smscPort());
				out.printf(
						"SMSC simulator on %s:%d; waiting up to %d s for the gateway to bind "
								+ "(start it with SMPP_HOST=%s SMPP_PORT=%d)%n",
						own.host(), own.port(), options.bindTimeout().toSeconds(), own.host(), own.port());
				Instant deadline = Instant.now().plus(options.bindTimeout());
				awaitBind(own, options.bindTimeout(), deadline);
				// started together with the gateway: its SMPP link comes up seconds
				// before
				// its HTTP server, and that answers before its pipeline is running
				awaitHealthy(options.gateway(), options.bindTimeout(), deadline);
				out.printf("Gateway bound as %s and healthy at %s%n", own.boundSystemIds(), options.gateway());
				sms = SmsDelivery.through(own);
			}
			else if (options.embeddedSmsUrl() != null) {
				sms = SmsDelivery.embedded(HttpClient.newHttpClient(), options.embeddedSmsUrl(), new ObjectMapper());
			}
			Result result = new Replay(options, sms, out).replay();
			return result.allAcknowledged() ? 0 : 1;
		}
		catch (IllegalArgumentException | IllegalStateException | IOException ex) {
			out.println("replay: " + ex.getMessage());
			return 2;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return 2;
		}
		finally {
			if (own != null) {
				own.close();
			}
		}
	}

	/**
	 * Runs in this process with an SMSC simulator the gateway is already bound to, e.g. a
	 * test's; the options are the command's, without {@code --smsc-port} or
	 * {@code --embedded-sms-url}, and keys come only from the options.
	 */
	public static Result replayThrough(SmscSimulator smsc, PrintStream out, String... args)
			throws IOException, InterruptedException {
		return new Replay(ReplayOptions.parse(args, Map.of()), SmsDelivery.through(smsc), out).replay();
	}

	private static void awaitBind(SmscSimulator smsc, Duration timeout, Instant deadline) throws InterruptedException {
		while (smsc.boundSystemIds().isEmpty()) {
			if (Instant.now().isAfter(deadline)) {
				throw new IllegalStateException("no gateway bound to the SMSC simulator within " + timeout.toSeconds()
						+ " s; start it with SMPP_HOST=" + smsc.host() + " SMPP_PORT=" + smsc.port());
			}
			Thread.sleep(200);
		}
	}

	/**
	 * Until {@code /actuator/health} answers 200: up, or degraded (Redis away), which
	 * still takes reports; not down, nor still starting.
	 */
	private static void awaitHealthy(URI gateway, Duration timeout, Instant deadline) throws InterruptedException {
		HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
		HttpRequest health = HttpRequest.newBuilder(URI.create(gateway + "/actuator/health"))
			.timeout(Duration.ofSeconds(5))
			.GET()
			.build();
		String last = "no answer";
		while (true) {
			try {
				HttpResponse<String> answer = http.send(health,
						HttpResponse.BodyHandlers.ofString(java.nio.charset.StandardCharsets.UTF_8));
				if (answer.statusCode() == 200) {
					return;
				}
				last = "HTTP " + answer.statusCode() + " " + ChannelSenders.abbreviate(answer.body());
			}
			catch (IOException ex) {
				last = ex.toString();
			}
			if (Instant.now().isAfter(deadline)) {
				throw new IllegalStateException("the gateway bound to the SMSC simulator but " + gateway
						+ "/actuator/health was not healthy within " + timeout.toSeconds() + " s: " + last);
			}
			Thread.sleep(200);
		}
	}

	Result replay() throws IOException, InterruptedException {
		List<InputReport> reports = InputReport.read(this.options.input(), this.json);
		if (reports.isEmpty()) {
			throw new IllegalArgumentException(this.options.input() + " holds no reports");
		}
		if (this.sms == null && reports.stream().anyMatch((r) -> r.channel().equals("sms"))) {
			throw new IllegalArgumentException(
					"the input has SMS reports: give --smsc-port P (and start the gateway with SMPP_PORT=P) "
							+ "or --embedded-sms-url http://host:8080/embedded/sms");
		}
		HttpClient http = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(5))
			.build();
		ChannelSenders senders = new ChannelSenders(http, this.json, this.options, this.sms);
		this.out.printf("Replaying %d reports from %s to %s (run %s)%n", reports.size(), this.options.input(),
				this.options.gateway(), this.options.runId());
		Instant startedAt = Instant.now();
		long start = System.nanoTime();
		Map<InputReport, Acknowledgement> sent = send(reports, senders, start);
		Duration sending = Duration.ofNanos(System.nanoTime() - start);
		List<ReportOutcome> outcomes = new OutcomeCollector(http, this.json, this.options, this.out).collect(sent,
				startedAt.minus(CLOCK_SLACK));
		ReplaySummary.writeResults(this.options.output(), outcomes, this.json);
		String figures = ReplaySummary.figures(outcomes, sending, this.options.gateway().toString(),
				this.options.pacing(), this.options.concurrency());
		this.out.print(figures);
		this.out.println("Results: " + this.options.output().toAbsolutePath());
		return new Result(outcomes, figures);
	}

	/**
	 * Hands each report to a sender when it is due; {@code concurrency} senders work at
	 * once, so a slow answer does not hold back the reports due after it.
	 */
	private Map<InputReport, Acknowledgement> send(List<InputReport> reports, ChannelSenders senders, long start)
			throws InterruptedException {
		ExecutorService pool = Executors.newFixedThreadPool(this.options.concurrency(), (runnable) -> {
			Thread thread = new Thread(runnable, "replay-sender");
			thread.setDaemon(true);
			return thread;
		});
		try {
			OffsetDateTime first = reports.get(0).receivedAt();
			List<Future<Acknowledgement>> answers = new ArrayList<>();
			for (InputReport report : reports) {
				long due = start + this.options.pacing().offset(first, report.receivedAt()).toNanos();
				long wait = due - System.nanoTime();
				if (wait > 0) {
					Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
				}
				answers.add(pool.submit(() -> senders.send(report)));
			}
			Map<InputReport, Acknowledgement> sent = new LinkedHashMap<>();
			for (int i = 0; i < reports.size(); i++) {
				try {
					sent.put(reports.get(i), answers.get(i).get());
				}
				catch (ExecutionException ex) {
					sent.put(reports.get(i), Acknowledgement.failed(String.valueOf(ex.getCause()), 0));
				}
			}
			return sent;
		}
		finally {
			pool.shutdownNow();
		}
	}

	/**
	 * @param figures the printed summary
	 */
	public record Result(List<ReportOutcome> outcomes, String figures) {

		public boolean allAcknowledged() {
			return this.outcomes.stream().allMatch((o) -> o.ack().acknowledged());
		}

		public long acknowledged() {
			return this.outcomes.stream().filter((o) -> o.ack().acknowledged()).count();
		}

		/** Why each report that was not acknowledged failed, by input id. */
		public Map<String, String> failures() {
			Map<String, String> failures = new LinkedHashMap<>();
			this.outcomes.stream()
				.filter((o) -> !o.ack().acknowledged())
				.forEach((o) -> failures.put(o.report().id(), o.ack().failure()));
			return failures;
		}

	}

}
