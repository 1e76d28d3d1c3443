package org.gridintake.routes.dedup;

/** The open-case index cannot be used now; the report is stored and merged later. */
public class MergeIndexUnavailableException extends RuntimeException {

	public MergeIndexUnavailableException(String message, Throwable cause) {
		super(message, cause);
	}

}
