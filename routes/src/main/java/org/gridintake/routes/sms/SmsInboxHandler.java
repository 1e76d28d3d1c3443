package org.gridintake.routes.sms;

import java.time.Duration;

import org.gridintake.routes.casedraft.Mobile;
import org.gridintake.routes.notify.SmsQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stores what the SMSC delivers before the channel acknowledges it. A store that fails
 * (the database is down) answers RETRY_LATER, so the SMSC delivers again. How many
 * deliveries are stored at once is the channel's to bound: it answers THROTTLED beyond
 * that.
 */
public class SmsInboxHandler implements InboundSmsHandler {

	private static final Logger log = LoggerFactory.getLogger(SmsInboxHandler.class);

	private final SmsInbox inbox;

	private final SmsQueue texts;

	private final Duration redeliveryWindow;

	public SmsInboxHandler(SmsInbox inbox, SmsQueue texts, Duration redeliveryWindow) {
		this.inbox = inbox;
		this.texts = texts;
		this.redeliveryWindow = redeliveryWindow;
	}

	@Override
	public InboundAck onMessage(MoPart part) {
		try {
			if (!this.inbox.store(part, this.redeliveryWindow)) {
				log.info("SMSC delivered a message from {} again; it was already kept", Mobile.mask(part.sender()));
			}
			return InboundAck.ACCEPTED;
		}
		catch (RuntimeException ex) {
			log.warn("Message from {} not stored, the SMSC will deliver it again: {}", Mobile.mask(part.sender()),
					ex.getMessage());
			return InboundAck.RETRY_LATER;
		}
	}

	@Override
	public InboundAck onReceipt(SmsReceipt receipt) {
		try {
			this.texts.receipt(receipt);
			return InboundAck.ACCEPTED;
		}
		catch (RuntimeException ex) {
			log.warn("Receipt for {} not stored, the SMSC will deliver it again: {}", receipt.messageId(),
					ex.getMessage());
			return InboundAck.RETRY_LATER;
		}
	}

}
