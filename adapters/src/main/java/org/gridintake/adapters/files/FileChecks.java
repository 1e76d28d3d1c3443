package org.gridintake.adapters.files;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Periodic checks of the city's data files for a new version, on a daemon thread of their
 * own so a check never holds up intake or shutdown.
 */
public final class FileChecks {

	private FileChecks() {
	}

	/**
	 * Runs {@code check} every {@code interval}, first after one interval.
	 * @return the scheduler (to shut down), or null when the interval is zero or negative
	 * (never check)
	 */
	public static ScheduledExecutorService every(Duration interval, String threadName, Runnable check) {
		if (interval == null || interval.isZero() || interval.isNegative()) {
			return null;
		}
		ScheduledExecutorService watcher = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, threadName);
			thread.setDaemon(true);
			return thread;
		});
		long millis = Math.max(1, interval.toMillis());
		watcher.scheduleWithFixedDelay(check, millis, millis, TimeUnit.MILLISECONDS);
		return watcher;
	}

}
