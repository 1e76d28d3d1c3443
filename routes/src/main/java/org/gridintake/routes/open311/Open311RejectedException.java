package org.gridintake.routes.open311;

import java.util.List;

/** A request refused before it reached the pipeline; nothing of it is stored. */
public class Open311RejectedException extends RuntimeException {

	private final int status;

	private final List<Open311Error> errors;

	public Open311RejectedException(int status, List<Open311Error> errors) {
		super(errors.toString());
		this.status = status;
		this.errors = List.copyOf(errors);
	}

	public Open311RejectedException(int status, String description) {
		this(status, List.of(new Open311Error(status, description)));
	}

	public int status() {
		return this.status;
	}

	public List<Open311Error> errors() {
		return this.errors;
	}

}
