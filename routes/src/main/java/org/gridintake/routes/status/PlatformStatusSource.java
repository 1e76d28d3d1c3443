package org.gridintake.routes.status;

import org.gridintake.routes.routing.PlatformEndpoint;

/**
 * Port: asks a platform that cannot call back where a case stands; never throws for a
 * platform's failure.
 */
public interface PlatformStatusSource {

	/**
	 * @param platformCaseId the platform's own id for the case, null when it gave none
	 */
	PolledStatus fetch(PlatformEndpoint platform, String caseNumber, String platformCaseId);

}
