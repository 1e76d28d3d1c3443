package org.gridintake.gateway.config;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.gridintake.routes.figures.CityFigures;
import org.gridintake.routes.figures.FigureRow;
import org.gridintake.routes.figures.Figures;
import org.gridintake.routes.figures.FiguresQuery;
import org.gridintake.routes.figures.Grouping;

/**
 * The city's figures over a rolling window, per platform ({@code gridintake_*}) and per
 * street ({@code gridintake_street_*}). They are recomputed on a schedule of their own,
 * so a scrape never waits for the database; when a refresh fails the last values stay.
 */
public class FiguresMetrics implements MeterBinder, AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(FiguresMetrics.class);

	private static final String[] STAGES = { "received", "located", "merged", "forwarded", "accepted", "closed" };

	private final CityFigures figures;

	private final int windowDays;

	private final Duration refresh;

	private final ZoneId zone;

	private final Clock clock;

	private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor((task) -> {
		Thread thread = new Thread(task, "figures-metrics");
		thread.setDaemon(true);
		return thread;
	});

	private final List<Dimension> dimensions = new ArrayList<>();

	FiguresMetrics(CityFigures figures, int windowDays, Duration refresh, ZoneId zone, Clock clock) {
		this.figures = figures;
		this.windowDays = windowDays;
		this.refresh = refresh;
		this.zone = zone;
		this.clock = clock;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		this.dimensions.add(new Dimension(Grouping.PLATFORM, "gridintake", "platform", registry));
		this.dimensions.add(new Dimension(Grouping.STREET, "gridintake.street", "street", registry));
		this.scheduler.scheduleWithFixedDelay(this::refresh, 0, this.refresh.toMillis(), TimeUnit.MILLISECONDS);
	}

	void refresh() {
		for (Dimension dimension : this.dimensions) {
			try {
				dimension.show(this.figures.compute(
						FiguresQuery.lastDays(this.windowDays, this.zone, dimension.grouping, this.clock.instant())));
			}
			catch (RuntimeException ex) {
				log.warn("Could not refresh the {} figures, the last values stay: {}", dimension.grouping.code(),
						ex.toString());
			}
		}
	}

	@Override
	public void close() {
		this.scheduler.shutdownNow();
	}

	/**
	 * The gauges of one grouping; a row's tag names its group, "none" when it has none.
	 */
	private static final class Dimension {

		private final Grouping grouping;

		private final String tag;

		private final MultiGauge cases;

		private final Map<MultiGauge, Function<FigureRow, Number>> perRow;

		private final MultiGauge timeToAccept;

		private final MultiGauge timeToClose;

		Dimension(Grouping grouping, String prefix, String tag, MeterRegistry registry) {
			this.grouping = grouping;
			this.tag = tag;
			this.cases = gauge(prefix + ".cases", "cases received in the window, by how far they got", registry);
			this.perRow = Map.of(gauge(prefix + ".closure.ratio", "closed / forwarded masters", registry),
					FigureRow::closureRate,
					gauge(prefix + ".on.time.acceptance.ratio", "share of decided acceptances in time", registry),
					FigureRow::onTimeAcceptanceRate,
					gauge(prefix + ".on.time.resolution.ratio", "share of decided resolutions in time", registry),
					FigureRow::onTimeResolutionRate,
					gauge(prefix + ".satisfied.ratio", "share of survey replies 1 or 2", registry),
					(row) -> row.satisfaction().satisfiedRate(), gauge(prefix + ".ratings", "survey replies", registry),
					(row) -> row.satisfaction().ratings(),
					gauge(prefix + ".dissatisfied.ratings", "survey replies 3 (dissatisfied)", registry),
					(row) -> row.satisfaction().dissatisfied(),
					gauge(prefix + ".returns", "回退: cases given back", registry), FigureRow::returns,
					gauge(prefix + ".escalations", "acceptance lapsed, case went a level up", registry),
					FigureRow::escalations);
			this.timeToAccept = gauge(prefix + ".time.to.accept.seconds", "first forwarding to first platform step",
					registry);
			this.timeToClose = gauge(prefix + ".time.to.close.seconds", "first forwarding to closure", registry);
		}

		private static MultiGauge gauge(String name, String description, MeterRegistry registry) {
			return MultiGauge.builder(name).description(description).register(registry);
		}

		void show(Figures figures) {
			List<MultiGauge.Row<?>> stages = new ArrayList<>();
			List<MultiGauge.Row<?>> accept = new ArrayList<>();
			List<MultiGauge.Row<?>> close = new ArrayList<>();
			for (FigureRow row : figures.rows()) {
				Tags tags = Tags.of(this.tag, (row.key() != null) ? row.key() : "none");
				long[] counts = { row.received(), row.located(), row.merged(), row.forwarded(), row.accepted(),
						row.closed() };
				for (int i = 0; i < STAGES.length; i++) {
					stages.add(MultiGauge.Row.of(tags.and("stage", STAGES[i]), counts[i]));
				}
				quantiles(accept, tags, row.timeToAccept());
				quantiles(close, tags, row.timeToClose());
			}
			this.cases.register(stages, true);
			this.timeToAccept.register(accept, true);
			this.timeToClose.register(close, true);
			this.perRow.forEach((gauge, figure) -> {
				List<MultiGauge.Row<?>> rows = new ArrayList<>();
				for (FigureRow row : figures.rows()) {
					Number value = figure.apply(row);
					if (value != null) {
						rows.add(MultiGauge.Row.of(Tags.of(this.tag, (row.key() != null) ? row.key() : "none"), value));
					}
				}
				gauge.register(rows, true);
			});
		}

		private static void quantiles(List<MultiGauge.Row<?>> rows, Tags tags, FigureRow.Durations durations) {
			if (durations.medianMinutes() != null) {
				rows.add(MultiGauge.Row.of(tags.and("quantile", "0.5"), durations.medianMinutes() * 60));
				rows.add(MultiGauge.Row.of(tags.and("quantile", "0.9"), durations.p90Minutes() * 60));
			}
		}

	}

}
