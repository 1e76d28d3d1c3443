package org.gridintake.routes.casedraft;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gridintake.routes.casedraft.CaseStatus.ACCEPTED;
import static org.gridintake.routes.casedraft.CaseStatus.CLOSED;
import static org.gridintake.routes.casedraft.CaseStatus.DISPATCHED;
import static org.gridintake.routes.casedraft.CaseStatus.FORWARDED;
import static org.gridintake.routes.casedraft.CaseStatus.IN_PROGRESS;
import static org.gridintake.routes.casedraft.CaseStatus.LOCATED;
import static org.gridintake.routes.casedraft.CaseStatus.MERGED;
import static org.gridintake.routes.casedraft.CaseStatus.RECEIVED;
import static org.gridintake.routes.casedraft.CaseStatus.REOPENED;
import static org.gridintake.routes.casedraft.CaseStatus.RESOLVED;
import static org.gridintake.routes.casedraft.CaseStatus.RETURNED;

class CaseStatusTest {

	@Test
	void platformsMayMoveACaseForwardAndSkipSteps() {
		assertThat(FORWARDED.platformMayMoveTo(ACCEPTED)).isTrue();
		assertThat(FORWARDED.platformMayMoveTo(DISPATCHED)).isTrue();
		assertThat(ACCEPTED.platformMayMoveTo(RESOLVED)).isTrue();
		assertThat(RESOLVED.platformMayMoveTo(CLOSED)).isTrue();
		// a callback can overtake the gateway's own record of the forward
		assertThat(LOCATED.platformMayMoveTo(DISPATCHED)).isTrue();
	}

	@Test
	void platformsMayNotMoveACaseBack() {
		assertThat(DISPATCHED.platformMayMoveTo(ACCEPTED)).isFalse();
		assertThat(CLOSED.platformMayMoveTo(DISPATCHED)).isFalse();
		assertThat(RESOLVED.platformMayMoveTo(IN_PROGRESS)).isFalse();
	}

	@Test
	void onlyResolvedOrClosedCasesReopen() {
		assertThat(CLOSED.platformMayMoveTo(REOPENED)).isTrue();
		assertThat(RESOLVED.platformMayMoveTo(REOPENED)).isTrue();
		assertThat(DISPATCHED.platformMayMoveTo(REOPENED)).isFalse();
		assertThat(REOPENED.platformMayMoveTo(DISPATCHED)).isTrue();
	}

	@Test
	void aReturnComesBeforeTheWorkIsDone() {
		assertThat(FORWARDED.platformMayMoveTo(RETURNED)).isTrue();
		assertThat(IN_PROGRESS.platformMayMoveTo(RETURNED)).isTrue();
		assertThat(CLOSED.platformMayMoveTo(RETURNED)).isFalse();
		assertThat(RETURNED.platformMayMoveTo(DISPATCHED)).isFalse();
	}

	@Test
	void platformsCannotSetTheGatewaysOwnStatusesNorTouchMergedReports() {
		assertThat(FORWARDED.platformMayMoveTo(RECEIVED)).isFalse();
		assertThat(RECEIVED.platformMayMoveTo(LOCATED)).isFalse();
		assertThat(MERGED.platformMayMoveTo(DISPATCHED)).isFalse();
	}

	@Test
	void statusCodesParseLeniently() {
		assertThat(CaseStatus.fromCode("in-progress")).contains(IN_PROGRESS);
		assertThat(CaseStatus.fromCode(" dispatched ")).contains(DISPATCHED);
		assertThat(CaseStatus.fromCode("DONE")).isEmpty();
	}

}
