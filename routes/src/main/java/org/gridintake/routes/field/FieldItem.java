package org.gridintake.routes.field;

import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One report of a batch, as sent, with what the batch says about it.
 *
 * @param index its position in the batch, from 0
 * @param worker who uploaded the batch
 * @param receivedAt when the batch arrived
 * @param report the report's JSON as sent; not yet checked
 * @param firstIndexOfClientId the index of an earlier report in the same batch with the
 * same client id, or null when this is the first (or has none)
 */
public record FieldItem(int index, GridWorker worker, Instant receivedAt, JsonNode report,
		Integer firstIndexOfClientId) {

	/** The client id as sent when it is text, else null. */
	public String clientId() {
		JsonNode id = this.report.path(FieldReport.CLIENT_ID);
		return id.isTextual() ? id.asText() : null;
	}

}
