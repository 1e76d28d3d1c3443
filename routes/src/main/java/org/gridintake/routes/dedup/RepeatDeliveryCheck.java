package org.gridintake.routes.dedup;

import java.time.Duration;

import org.gridintake.routes.casedraft.CaseNumber;
import org.gridintake.routes.casedraft.ChannelRef;
import org.gridintake.routes.intake.InboundReport;
import org.gridintake.routes.intake.IntakeResult;
import org.gridintake.routes.intake.IntakeWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Layer one of deduplication: the same message delivered again (an SMSC redelivery, an
 * HTTP retry, a re-uploaded batch). The index is a fast path only: a channel reference is
 * also unique in the case store, so a report is never stored twice even while Redis is
 * down.
 */
public class RepeatDeliveryCheck {

	private static final Logger log = LoggerFactory.getLogger(RepeatDeliveryCheck.class);

	private final DuplicateIndex index;

	private final Duration channelRefTtl;

	private final Duration contentRefTtl;

	public RepeatDeliveryCheck(DuplicateIndex index, Duration channelRefTtl, Duration contentRefTtl) {
		this.index = index;
		this.channelRefTtl = channelRefTtl;
		this.contentRefTtl = contentRefTtl;
	}

	/** The answer for a repeated delivery, or null when this report is new. */
	public IntakeResult.Duplicate findRepeat(IntakeWork work) {
		InboundReport report = work.report();
		try {
			return this.index.find(report.channel(), report.channelRef()).map(IntakeResult.Duplicate::new).orElse(null);
		}
		catch (DuplicateIndexUnavailableException ex) {
			log.warn("Duplicate index unavailable, relying on the case store's unique references: {}", ex.getMessage());
			return null;
		}
	}

	/**
	 * Records a stored case's reference; a failure here only costs a database lookup
	 * later.
	 */
	public void remember(InboundReport report, CaseNumber caseNumber) {
		Duration ttl = report.channelRef().kind() == ChannelRef.Kind.CHANNEL ? this.channelRefTtl : this.contentRefTtl;
		try {
			this.index.remember(report.channel(), report.channelRef(), caseNumber, ttl);
		}
		catch (DuplicateIndexUnavailableException ex) {
			log.warn("Could not remember {} in the duplicate index: {}", caseNumber, ex.getMessage());
		}
	}

}
