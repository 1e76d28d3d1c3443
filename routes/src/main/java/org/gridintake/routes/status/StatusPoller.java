package org.gridintake.routes.status;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.gridintake.routes.casedraft.CaseStatus;
import org.gridintake.routes.routing.PlatformDirectory;
import org.gridintake.routes.routing.PlatformEndpoint;
import org.gridintake.routes.routing.PlatformProtocol;
import org.gridintake.routes.status.StatusPollQueue.PollTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks platforms that only offer polling where their open cases stand, and turns a change
 * into the same {@link PlatformStatusReport} a callback would have made, so texts and
 * history do not depend on how the gateway heard of it.
 */
public class StatusPoller {

	private static final Logger log = LoggerFactory.getLogger(StatusPoller.class);

	private final PlatformDirectory platforms;

	private final StatusPollQueue queue;

	private final PlatformStatusSource source;

	private final int batchSize;

	public StatusPoller(PlatformDirectory platforms, StatusPollQueue queue, PlatformStatusSource source,
			int batchSize) {
		this.platforms = platforms;
		this.queue = queue;
		this.source = source;
		this.batchSize = batchSize;
	}

	/** The cases due for a poll on every polled platform. */
	public List<PollTask> claimBatch() {
		List<PollTask> due = new ArrayList<>();
		for (PlatformEndpoint platform : this.platforms.polled()) {
			due.addAll(this.queue.claimDue(platform.id(), this.batchSize, platform.protocol().pollInterval()));
		}
		return due;
	}

	/** The status report for a case that moved on its platform; null when it did not. */
	public PlatformStatusReport poll(PollTask task) {
		Optional<PlatformEndpoint> platform = this.platforms.byId(task.platformId());
		if (platform.isEmpty()) {
			return null;
		}
		PlatformProtocol protocol = platform.get().protocol();
		if (protocol.type() == PlatformProtocol.Type.OPEN311 && task.platformCaseId() == null) {
			// an Open311 request is only found by the platform's own id
			log.warn("Case {} has no service_request_id from {}; its status cannot be polled", task.caseNumber(),
					task.platformId());
			return null;
		}
		PolledStatus answer = this.source.fetch(platform.get(), task.caseNumber(), task.platformCaseId());
		if (answer instanceof PolledStatus.Unavailable unavailable) {
			log.info("Status of case {} not available from {}: {}", task.caseNumber(), task.platformId(),
					unavailable.reason());
			return null;
		}
		PolledStatus.Known known = (PolledStatus.Known) answer;
		Optional<CaseStatus> status = protocol.statusFor(known.status());
		if (status.isEmpty() || status.get() == task.status()) {
			return null;
		}
		log.info("Case {} is {} on {} (was {})", task.caseNumber(), status.get(), task.platformId(), task.status());
		return new PlatformStatusReport(task.platformId(), task.caseNumber(), status.get().name(), known.note(),
				task.platformCaseId(), known.updatedAt());
	}

}
