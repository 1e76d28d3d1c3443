package org.gridintake.routes.field;

import org.gridintake.routes.casedraft.CaseStore;
import org.gridintake.routes.casedraft.Channel;
import org.gridintake.routes.intake.IntakeResult;

/**
 * Recognises a report the app uploaded before, before it is checked again. A phone that
 * never got the answer re-sends its batch, possibly days later: by then a report may be
 * past the age limit, or the worker reassigned, and answering "rejected" for a report
 * that is filed would make the app show an error for a case that exists. The case store,
 * not the duplicate index, is asked, since the index forgets after its TTL.
 */
public class EarlierUploads {

	private final CaseStore cases;

	public EarlierUploads(CaseStore cases) {
		this.cases = cases;
	}

	/** The case this report was filed as, or null when it is new (or cannot be told). */
	public IntakeResult.Duplicate filedBefore(FieldItem item) {
		String clientId = item.clientId();
		if (clientId == null || clientId.isBlank() || clientId.strip().length() > FieldReportMapper.MAX_CLIENT_ID_LENGTH
				|| item.firstIndexOfClientId() != null) {
			return null;
		}
		return this.cases.findByChannelRef(Channel.FIELD, FieldReportMapper.channelRef(item.worker().id(), clientId))
			.map(IntakeResult.Duplicate::new)
			.orElse(null);
	}

}
