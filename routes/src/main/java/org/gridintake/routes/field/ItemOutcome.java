package org.gridintake.routes.field;

import java.util.List;
import java.util.Locale;

import org.gridintake.routes.casedraft.CaseNumber;
import org.gridintake.routes.intake.FieldError;
import org.gridintake.routes.intake.IntakeResult;

/**
 * What became of one report of a batch.
 *
 * @param index its position in the batch
 * @param clientId the app's id for it, as sent (null when it sent none)
 * @param outcome what the app should do with it
 * @param caseNumber the case, for an accepted or duplicate report
 * @param errors why it was rejected or must be sent again, named from the batch's root
 * ({@code reports[3].location.lat})
 */
public record ItemOutcome(int index, String clientId, Outcome outcome, CaseNumber caseNumber, List<FieldError> errors) {

	public ItemOutcome {
		errors = List.copyOf(errors);
	}

	/** What the app should do with a report. */
	public enum Outcome {

		/** Filed now as a new case: done. */
		ACCEPTED,
		/** Filed before: done; the case number is the one it got then. */
		DUPLICATE,
		/** Cannot be filed as sent: the worker must correct it. */
		REJECTED,
		/** Could not be stored now and nothing of it was kept: send it again later. */
		RETRY;

		public String code() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

	static ItemOutcome of(FieldItem item, IntakeResult result) {
		if (result instanceof IntakeResult.Accepted accepted) {
			return new ItemOutcome(item.index(), item.clientId(), Outcome.ACCEPTED, accepted.caseNumber(), List.of());
		}
		if (result instanceof IntakeResult.Duplicate duplicate) {
			return new ItemOutcome(item.index(), item.clientId(), Outcome.DUPLICATE, duplicate.caseNumber(), List.of());
		}
		IntakeResult.Rejected rejected = (IntakeResult.Rejected) result;
		return new ItemOutcome(item.index(), item.clientId(), Outcome.REJECTED, null,
				rejected.errors().stream().map((error) -> inBatch(item, error)).toList());
	}

	static ItemOutcome retry(FieldItem item) {
		return new ItemOutcome(item.index(), item.clientId(), Outcome.RETRY, null,
				List.of(new FieldError(itemField(item),
						"could not be stored now; nothing of it was kept, send it again later")));
	}

	/** Names a field of one report from the batch's root, as the app sent it. */
	static FieldError inBatch(FieldItem item, FieldError error) {
		String field = error.field().isEmpty() ? itemField(item) : itemField(item) + "." + error.field();
		return new FieldError(field, error.message());
	}

	private static String itemField(FieldItem item) {
		return "reports[" + item.index() + "]";
	}

}
