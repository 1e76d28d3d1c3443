package org.gridintake.routes.intake;

import java.time.Duration;

/** A reporter number has filed as many reports as the window allows. */
public class ReportLimitExceededException extends RuntimeException {

	private final Duration retryAfter;

	public ReportLimitExceededException(String message, Duration retryAfter) {
		super(message);
		this.retryAfter = retryAfter;
	}

	public Duration retryAfter() {
		return this.retryAfter;
	}

}
