package org.gridintake.gateway.web;

import java.util.concurrent.Callable;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * The threads reports are filed on, off the event loop since filing blocks on PostgreSQL
 * and Redis. A few workers near the size of the database pool file more reports a second
 * than a thread per request: on two cores, dozens of runnable threads spend their time
 * switching and waiting for each other's connections and area locks. Reports beyond the
 * queue are refused (503 with Retry-After, nothing kept) rather than piling up in memory.
 */
public final class IntakeWorkers implements AutoCloseable {

	private final Scheduler scheduler;

	/**
	 * @param workers reports filed at once
	 * @param queued reports waiting for a worker before more are refused
	 */
	public IntakeWorkers(int workers, int queued) {
		this.scheduler = Schedulers.newBoundedElastic(workers, queued, "intake", 60, true);
	}

	/**
	 * Runs {@code work} on a worker; fails with a RejectedExecutionException when full.
	 */
	public <T> Mono<T> run(Callable<T> work) {
		return Mono.fromCallable(work).subscribeOn(this.scheduler);
	}

	@Override
	public void close() {
		this.scheduler.dispose();
	}

}
