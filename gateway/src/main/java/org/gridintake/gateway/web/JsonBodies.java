package org.gridintake.gateway.web;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import org.gridintake.routes.intake.FieldError;
import org.gridintake.routes.intake.InvalidReportException;

/**
 * Parses JSON request bodies strictly and turns every parse problem into a field error: a
 * client learns which field was wrong, not a stack trace.
 */
final class JsonBodies {

	private final ObjectMapper strict;

	JsonBodies(ObjectMapper json) {
		this.strict = json.copy()
			.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
			.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
			.disable(com.fasterxml.jackson.databind.MapperFeature.ALLOW_COERCION_OF_SCALARS);
		// a number or true where text belongs is a client's mistake, not a report saying
		// "42"
		this.strict.coercionConfigFor(LogicalType.Textual)
			.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
			.setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
			.setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
	}

	<T> T parse(byte[] body, Class<T> type) {
		if (body == null || body.length == 0) {
			throw new InvalidReportException(java.util.List.of(new FieldError("body", "is empty; send a JSON object")));
		}
		try {
			StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(body));
		}
		catch (CharacterCodingException ex) {
			throw new InvalidReportException(java.util.List.of(new FieldError("body", "is not valid UTF-8")));
		}
		try {
			T value = this.strict.readValue(body, type);
			if (value == null) {
				throw new InvalidReportException(java.util.List.of(new FieldError("body", "must be a JSON object")));
			}
			return value;
		}
		catch (UnrecognizedPropertyException ex) {
			throw new InvalidReportException(java.util.List.of(new FieldError(path(ex), "is not a known field")));
		}
		catch (JsonMappingException ex) {
			String field = path(ex);
			throw new InvalidReportException(java.util.List.of(new FieldError(field.isEmpty() ? "body" : field,
					field.isEmpty() ? "must be a JSON object" : "has the wrong type")));
		}
		catch (JsonProcessingException ex) {
			throw new InvalidReportException(
					java.util.List.of(new FieldError("body", "is not valid JSON: " + ex.getOriginalMessage())));
		}
		catch (IOException ex) {
			throw new InvalidReportException(java.util.List.of(new FieldError("body", "could not be read")));
		}
	}

	private static String path(JsonMappingException ex) {
		return ex.getPath()
			.stream()
			.map((ref) -> (ref.getFieldName() != null) ? ref.getFieldName() : "[" + ref.getIndex() + "]")
			.collect(Collectors.joining("."))
			.replace(".[", "[");
	}

}
