package org.gridintake.routes.casedraft;

import java.util.List;

import org.gridintake.routes.notify.OutboundText;

/** What a {@link StatusTransition} decided. */
public sealed interface StatusChange {

	/**
	 * Move the case on.
	 *
	 * @param event the new status and why
	 * @param platformCaseId the platform's own id when it tells one, else null
	 * @param texts progress texts to queue in the same transaction
	 */
	record Move(StatusEvent event, String platformCaseId, List<OutboundText> texts) implements StatusChange {

		public Move {
			texts = List.copyOf(texts);
		}

	}

	/** Already there: a platform repeating itself. Nothing is written. */
	record Unchanged(CaseStatus status) implements StatusChange {
	}

	/** Not allowed; nothing is written. */
	record Refuse(StatusUpdateResult.Reason reason, String message) implements StatusChange {
	}

}
