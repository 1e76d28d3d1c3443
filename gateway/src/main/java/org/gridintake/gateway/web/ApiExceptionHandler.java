package org.gridintake.gateway.web;

import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.server.ServerWebInputException;
import org.springframework.web.server.UnsupportedMediaTypeStatusException;

/** Keeps framework-level rejections in the API's one error shape. */
@RestControllerAdvice
class ApiExceptionHandler {

	@ExceptionHandler(DataBufferLimitException.class)
	ResponseEntity<Object> tooLarge(DataBufferLimitException ex) {
		return ApiErrors.of(HttpStatus.PAYLOAD_TOO_LARGE, "body", "is larger than the gateway accepts");
	}

	@ExceptionHandler(UnsupportedMediaTypeStatusException.class)
	ResponseEntity<Object> mediaType(UnsupportedMediaTypeStatusException ex) {
		String supported = ex.getSupportedMediaTypes()
			.stream()
			.map((type) -> type.getType() + "/" + type.getSubtype())
			.distinct()
			.collect(java.util.stream.Collectors.joining(" or "));
		return ApiErrors.of(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Content-Type",
				"must be " + (supported.isEmpty() ? "application/json" : supported));
	}

	@ExceptionHandler(ServerWebInputException.class)
	ResponseEntity<Object> input(ServerWebInputException ex) {
		if (ex.getCause() instanceof DataBufferLimitException) {
			return tooLarge((DataBufferLimitException) ex.getCause());
		}
		return ApiErrors.of(HttpStatus.BAD_REQUEST, "body", "could not be read: " + ex.getReason());
	}

}
