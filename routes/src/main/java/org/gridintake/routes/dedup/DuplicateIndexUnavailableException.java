package org.gridintake.routes.dedup;

/** The duplicate index (Redis) did not answer. Intake goes on without it. */
public class DuplicateIndexUnavailableException extends RuntimeException {

	public DuplicateIndexUnavailableException(String message, Throwable cause) {
		super(message, cause);
	}

}
