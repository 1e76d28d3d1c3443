package org.gridintake.gateway.web;

import java.util.List;
import java.util.Map;

import org.gridintake.routes.intake.FieldError;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/** The one error shape of the JSON API: {@code {"errors":[{"field":…,"message":…}]}}. */
final class ApiErrors {

	private ApiErrors() {
	}

	static ResponseEntity<Object> of(HttpStatus status, List<FieldError> errors) {
		return ResponseEntity.status(status)
			.body(Map.of("errors",
					errors.stream().map((e) -> Map.of("field", e.field(), "message", e.message())).toList()));
	}

	static ResponseEntity<Object> of(HttpStatus status, String field, String message) {
		return of(status, List.of(new FieldError(field, message)));
	}

	/**
	 * The gateway could not store or process the request now. A retry with the same key
	 * is safe: if the commit landed and only its answer was lost, the retry is answered
	 * with that case.
	 */
	static ResponseEntity<Object> unavailable(String message) {
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
			.header("Retry-After", "5")
			.body(Map.of("errors", List.of(Map.of("field", "", "message", message))));
	}

}
