package org.gridintake.routes.intake;

/** One thing wrong with a submitted report, named by the field the sender used. */
public record FieldError(String field, String message) {
}
