package org.gridintake.adapters.sms;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import org.gridintake.routes.notify.OutboundSms;
import org.gridintake.routes.notify.SmsSendOutcome;
import org.gridintake.routes.notify.SmsSendOutcome.Failed;
import org.gridintake.routes.notify.SmsSendOutcome.RetryLater;
import org.gridintake.routes.notify.SmsSendOutcome.Sent;
import org.gridintake.routes.notify.SmsSendOutcome.Unconfirmed;
import org.gridintake.routes.sms.InboundSmsHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The jSMPP-backed {@link SmppGateway}: its binds, the turn they take at sending, and the
 * memory of what was sent, which spans the binds so that a text is never sent twice
 * whichever bind took it. A text cut short (the bind dropped between its parts) goes on
 * from the first part the SMSC did not answer, so no answered part is sent twice. The
 * memory lives as long as the process: a restart between the SMSC's answer and the outbox
 * recording it sends the text again.
 */
final class JsmppGateway implements SmppGateway {

	private static final Logger logger = LoggerFactory.getLogger(JsmppGateway.class);

	/** Enough to cover an outbox retry window without growing without bound. */
	private static final int REMEMBERED_SENDS = 10_000;

	/**
	 * PDU threads of a session beyond those that may be with the inbound handler: they
	 * keep submit_sm_resp and enquire_link flowing, and answer excess deliveries at once.
	 */
	private static final int SPARE_PDU_THREADS = 3;

	private final List<SmppBind> binds;

	private final List<SmppBind> transmitters;

	private final InboundDeliveries inbound;

	private final AtomicInteger turn = new AtomicInteger();

	private final AtomicInteger concatenationReference = new AtomicInteger(ThreadLocalRandom.current().nextInt(256));

	/** References being sent right now, so that two callers cannot both send one. */
	private final Set<String> sending = ConcurrentHashMap.newKeySet();

	/** Guarded by itself. */
	private final Map<String, Sent> sentByReference = new LinkedHashMap<>(256, 0.75f, true) {

		@Override
		protected boolean removeEldestEntry(Map.Entry<String, Sent> eldest) {
			return size() > REMEMBERED_SENDS;
		}

	};

	/**
	 * Texts a send left unfinished, by reference: a retry goes on from the first part the
	 * SMSC did not answer, with the same concatenation reference. Guarded by itself.
	 */
	private final Map<String, SendProgress> unfinished = new LinkedHashMap<>(64, 0.75f, true) {

		@Override
		protected boolean removeEldestEntry(Map.Entry<String, SendProgress> eldest) {
			return size() > REMEMBERED_SENDS;
		}

	};

	private volatile boolean closed;

	JsmppGateway(SmppGatewaySettings settings, Clock clock) {
		Objects.requireNonNull(settings, "settings");
		this.inbound = new InboundDeliveries(settings.maxDeliveriesInProgress(), settings.smscZone(), clock);
		List<SmppBind> all = new ArrayList<>();
		Map<String, Integer> seen = new HashMap<>();
		for (SmppSettings bind : settings.binds()) {
			String name = linkName(bind, seen);
			int pduThreads = SPARE_PDU_THREADS
					+ (bind.bindMode().canReceive() ? settings.maxDeliveriesInProgress() : 0);
			all.add(new SmppBind(bind, name, settings.windowSize(), settings.maxSubmitsPerSecondPerBind(),
					this.inbound.listenerFor(name), pduThreads));
		}
		this.binds = List.copyOf(all);
		this.transmitters = all.stream().filter((bind) -> bind.mode().canTransmit()).toList();
	}

	/**
	 * {@code gateway@10.0.0.5:2775/trx}: the same for the same configuration across
	 * restarts, so that stored deliveries can be traced to their bind; a second bind of
	 * the same account and mode gets {@code #2}.
	 */
	private static String linkName(SmppSettings bind, Map<String, Integer> seen) {
		String mode = switch (bind.bindMode()) {
			case TRANSMITTER -> "tx";
			case RECEIVER -> "rx";
			case TRANSCEIVER -> "trx";
		};
		String base = bind.systemId() + "@" + bind.host().toLowerCase(Locale.ROOT) + ":" + bind.port() + "/" + mode;
		int count = seen.merge(base, 1, Integer::sum);
		return (count == 1) ? base : base + "#" + count;
	}

	void start() {
		this.binds.forEach(SmppBind::start);
	}

	/** For tests in this package. */
	List<SmppBind> binds() {
		return this.binds;
	}

	@Override
	public void receiveWith(InboundSmsHandler handler) {
		this.inbound.handleWith(handler);
	}

	@Override
	public boolean isReady() {
		return !this.closed && this.transmitters.stream().anyMatch(SmppBind::canTransmitNow);
	}

	@Override
	public List<Link> links() {
		return this.binds.stream().map((bind) -> new Link(bind.name(), bind.mode(), bind.isBound())).toList();
	}

	@Override
	public SmsSendOutcome send(OutboundSms sms) {
		Objects.requireNonNull(sms, "sms");
		if (sms.to() == null || sms.text() == null) {
			return new Failed("an SMS needs a recipient and a text");
		}
		String reference = sms.reference();
		Sent earlier = rememberedSend(reference);
		if (earlier != null) {
			return alreadySent(sms, earlier);
		}
		if (this.closed) {
			return new RetryLater("not bound to the SMSC: the SMS gateway is closed");
		}
		if (reference != null && !this.sending.add(reference)) {
			return new RetryLater("the same SMS is being sent right now");
		}
		try {
			// it may have finished between the first look and taking the reference
			earlier = rememberedSend(reference);
			if (earlier != null) {
				return alreadySent(sms, earlier);
			}
			SendProgress progress = unfinished(reference);
			if (progress == null) {
				try {
					progress = new SendProgress(
							SmsSplitter.split(sms.text(), this.concatenationReference.getAndIncrement()));
				}
				catch (IllegalArgumentException ex) {
					logger.warn("SMS {} to {} cannot be sent: {}", sms.reference(), sms.to(), ex.getMessage());
					return new Failed(ex.getMessage());
				}
			}
			else if (progress.nextPart() > 0) {
				logger.info("SMS {} to {}: going on from part {} of {}; the SMSC took the others as {}",
						sms.reference(), sms.to(), progress.nextPart() + 1, progress.totalParts(),
						progress.messageIds());
			}
			SmsSendOutcome outcome = sendOverABind(sms, progress);
			if (outcome instanceof RetryLater || outcome instanceof Unconfirmed) {
				keepUnfinished(reference, progress);
			}
			else {
				keepUnfinished(reference, null);
			}
			return outcome;
		}
		finally {
			if (reference != null) {
				this.sending.remove(reference);
			}
		}
	}

	/**
	 * Starts with the bind whose turn it is and moves on while a bind cannot take the
	 * text without having sent any of it.
	 */
	private SmsSendOutcome sendOverABind(OutboundSms sms, SendProgress progress) {
		int count = this.transmitters.size();
		int first = Math.floorMod(this.turn.getAndIncrement(), count);
		List<String> reasons = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			SmppBind bind = this.transmitters.get((first + i) % count);
			int firstPart = progress.nextPart();
			SmppBind.Attempt attempt = bind.send(sms, progress);
			if (attempt instanceof SmppBind.Attempt.Done done) {
				if (done.outcome() instanceof Sent sent) {
					remember(sms.reference(), sent);
					logger.info("SMS {} to {} sent over {}: {} part(s){}, data_coding {}, message ids {}",
							sms.reference(), sms.to(), bind.name(), progress.totalParts(),
							(firstPart > 0) ? " (from part " + (firstPart + 1) + ")" : "",
							progress.split().dataCoding(), sent.messageIds());
				}
				return done.outcome();
			}
			reasons.add(((SmppBind.Attempt.Unavailable) attempt).reason());
		}
		String reason = String.join("; ", reasons);
		if (reasons.stream().anyMatch((text) -> !text.endsWith("is not bound to the SMSC"))) {
			logger.warn("SMS {} to {} not sent, will be retried: {}", sms.reference(), sms.to(), reason);
		}
		return new RetryLater(reason);
	}

	private SmsSendOutcome alreadySent(OutboundSms sms, Sent earlier) {
		logger.info("SMS {} to {} was already sent as {}; not sending it again", sms.reference(), sms.to(),
				earlier.messageIds());
		return earlier;
	}

	private Sent rememberedSend(String reference) {
		if (reference == null) {
			return null;
		}
		synchronized (this.sentByReference) {
			return this.sentByReference.get(reference);
		}
	}

	private SendProgress unfinished(String reference) {
		if (reference == null) {
			return null;
		}
		synchronized (this.unfinished) {
			return this.unfinished.get(reference);
		}
	}

	/** {@code null} progress forgets the text: it was sent or failed for good. */
	private void keepUnfinished(String reference, SendProgress progress) {
		if (reference == null) {
			return;
		}
		synchronized (this.unfinished) {
			if (progress != null) {
				this.unfinished.put(reference, progress);
			}
			else {
				this.unfinished.remove(reference);
			}
		}
	}

	private void remember(String reference, Sent sent) {
		if (reference != null) {
			synchronized (this.sentByReference) {
				this.sentByReference.put(reference, sent);
			}
		}
	}

	@Override
	public void close() {
		if (this.closed) {
			return;
		}
		this.closed = true;
		this.binds.forEach(SmppBind::close);
	}

}
