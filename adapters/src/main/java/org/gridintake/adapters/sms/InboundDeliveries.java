package org.gridintake.adapters.sms;

import java.time.Clock;
import java.time.ZoneId;
import java.util.Objects;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;

import org.gridintake.adapters.sms.mo.MoCodecs;
import org.gridintake.adapters.sms.mo.MoCodecs.Decoded;
import org.gridintake.adapters.sms.mo.MoCodecs.ReceiptText;
import org.gridintake.adapters.sms.mo.MoCodecs.Text;
import org.gridintake.adapters.sms.mo.MoCodecs.Undecodable;
import org.gridintake.routes.casedraft.Mobile;
import org.gridintake.routes.sms.InboundAck;
import org.gridintake.routes.sms.InboundSmsHandler;
import org.gridintake.routes.sms.MoPart;
import org.jsmpp.SMPPConstant;
import org.jsmpp.bean.AlertNotification;
import org.jsmpp.bean.DataSm;
import org.jsmpp.bean.DeliverSm;
import org.jsmpp.extra.ProcessRequestException;
import org.jsmpp.session.DataSmResult;
import org.jsmpp.session.MessageReceiverListener;
import org.jsmpp.session.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns every deliver_sm of every bind into a call of the domain's handler, and its
 * answer into the deliver_sm_resp. jSMPP sends that response only once
 * {@code onAcceptDeliverSm} returns, and a {@link ProcessRequestException} makes it
 * negative with the exception's status; so nothing is acknowledged before the handler
 * said it is stored.
 */
final class InboundDeliveries {

	private static final Logger logger = LoggerFactory.getLogger(InboundDeliveries.class);

	/**
	 * SMPP 3.4 ESME_RX_P_APPN, "permanent application error": the SMSC must not deliver
	 * the message again, as no retry can make it readable.
	 */
	static final int STATUS_PERMANENT = SMPPConstant.STAT_ESME_RX_P_APPN;

	/** SMPP 3.4 ESME_RX_T_APPN, "temporary application error": deliver it again later. */
	static final int STATUS_TEMPORARY = SMPPConstant.STAT_ESME_RX_T_APPN;

	static final int STATUS_THROTTLED = SMPPConstant.STAT_ESME_RTHROTTLED;

	private final Semaphore inProgress;

	private final int maxInProgress;

	private final ZoneId smscZone;

	private final Clock clock;

	private final AtomicReference<InboundSmsHandler> handler = new AtomicReference<>();

	/**
	 * @param maxInProgress how many deliver_sm, over all binds, may be with the handler
	 * at once; more are answered ESME_RTHROTTLED at once, so that a slow store cannot tie
	 * up every PDU thread of a transceiver while its submit_sm_resp wait
	 */
	InboundDeliveries(int maxInProgress, ZoneId smscZone, Clock clock) {
		this.maxInProgress = maxInProgress;
		this.inProgress = new Semaphore(maxInProgress);
		this.smscZone = Objects.requireNonNull(smscZone, "smscZone");
		this.clock = Objects.requireNonNull(clock, "clock");
	}

	void handleWith(InboundSmsHandler newHandler) {
		Objects.requireNonNull(newHandler, "handler");
		if (!this.handler.compareAndSet(null, newHandler) && this.handler.get() != newHandler) {
			throw new IllegalStateException("the SMS gateway already hands deliveries to another handler");
		}
	}

	MessageReceiverListener listenerFor(String link) {
		return new Listener(link);
	}

	private void accept(DeliverSm deliverSm, String link) throws ProcessRequestException {
		if (!this.inProgress.tryAcquire()) {
			// debug: under a flood this happens for every PDU
			logger.debug("deliver_sm on {} answered ESME_RTHROTTLED: {} already in progress", link, this.maxInProgress);
			throw new Refusal("too many deliveries in progress", STATUS_THROTTLED);
		}
		try {
			handle(deliverSm, link);
		}
		finally {
			this.inProgress.release();
		}
	}

	private void handle(DeliverSm deliverSm, String link) throws ProcessRequestException {
		Decoded decoded = MoCodecs.decodeDeliverSm(deliverSm, this.smscZone);
		if (decoded instanceof Undecodable undecodable) {
			logger.warn("deliver_sm from {} to {} on {} refused for good (ESME_RX_P_APPN): {}",
					Mobile.mask(deliverSm.getSourceAddr()), Mobile.mask(deliverSm.getDestAddress()), link,
					undecodable.reason());
			throw new Refusal(undecodable.reason(), STATUS_PERMANENT);
		}
		InboundSmsHandler current = this.handler.get();
		if (current == null) {
			logger.info("deliver_sm on {} answered ESME_RX_T_APPN: no handler yet, the SMSC will deliver it again",
					link);
			throw new Refusal("not ready to store deliveries yet", STATUS_TEMPORARY);
		}
		InboundAck ack;
		try {
			if (decoded instanceof ReceiptText receipt) {
				ack = current.onReceipt(receipt.receipt());
			}
			else {
				ack = current.onMessage(part((Text) decoded, deliverSm, link));
			}
		}
		catch (RuntimeException ex) {
			logger.warn("deliver_sm from {} on {} answered ESME_RX_T_APPN: the handler failed",
					Mobile.mask(deliverSm.getSourceAddr()), link, ex);
			throw new Refusal("not stored: the handler failed", STATUS_TEMPORARY);
		}
		// a handler that does not say it stored the message has not
		if (ack == InboundAck.ACCEPTED) {
			return;
		}
		if (ack == InboundAck.THROTTLED) {
			throw new Refusal("not stored: throttled", STATUS_THROTTLED);
		}
		throw new Refusal("not stored: retry later", STATUS_TEMPORARY);
	}

	private MoPart part(Text text, DeliverSm deliverSm, String link) {
		return new MoPart(deliverSm.getSourceAddr(), deliverSm.getDestAddress(), text.text(), text.concatenation(),
				this.clock.instant(), link, text.userData());
	}

	/**
	 * A deliver_sm answered with an error status: an expected outcome, which jSMPP logs
	 * with its stack trace, so there is none to take or to print.
	 */
	private static final class Refusal extends ProcessRequestException {

		private static final long serialVersionUID = 1L;

		Refusal(String message, int status) {
			super(message, status);
		}

		@Override
		public synchronized Throwable fillInStackTrace() {
			return this;
		}

	}

	private final class Listener implements MessageReceiverListener {

		private final String link;

		Listener(String link) {
			this.link = link;
		}

		@Override
		public void onAcceptDeliverSm(DeliverSm deliverSm) throws ProcessRequestException {
			accept(deliverSm, this.link);
		}

		@Override
		public void onAcceptAlertNotification(AlertNotification alertNotification) {
		}

		@Override
		public DataSmResult onAcceptDataSm(DataSm dataSm, Session source) throws ProcessRequestException {
			throw new ProcessRequestException("data_sm is not handled", SMPPConstant.STAT_ESME_RINVCMDID);
		}

	}

}
