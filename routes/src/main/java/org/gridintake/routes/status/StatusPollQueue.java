package org.gridintake.routes.status;

import java.time.Duration;
import java.util.List;

import org.gridintake.routes.casedraft.CaseStatus;

/**
 * Port: the open cases of polled platforms whose turn it is. Claiming a case moves its
 * next poll one interval on, so instances sharing one database never ask about the same
 * case at once, and a case is asked about once per interval whatever the answer.
 */
public interface StatusPollQueue {

	List<PollTask> claimDue(String platformId, int max, Duration interval);

	/**
	 * One case to ask about.
	 *
	 * @param caseNumber the gateway's case number
	 * @param platformId the platform holding it
	 * @param platformCaseId the platform's id for it, null when it gave none
	 * @param status where the gateway believes it stands
	 */
	record PollTask(String caseNumber, String platformId, String platformCaseId, CaseStatus status) {
	}

}
