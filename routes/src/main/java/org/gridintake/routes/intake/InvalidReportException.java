package org.gridintake.routes.intake;

import java.util.List;
import java.util.stream.Collectors;

/** A report that cannot be accepted as sent; nothing of it is stored. */
public class InvalidReportException extends RuntimeException {

	private final List<FieldError> errors;

	public InvalidReportException(List<FieldError> errors) {
		super(errors.stream().map((e) -> e.field() + ": " + e.message()).collect(Collectors.joining("; ")));
		this.errors = List.copyOf(errors);
	}

	public List<FieldError> errors() {
		return this.errors;
	}

}
