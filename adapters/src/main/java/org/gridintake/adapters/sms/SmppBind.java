package org.gridintake.adapters.sms;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.gridintake.routes.notify.OutboundSms;
import org.gridintake.routes.notify.SmsSendOutcome;
import org.gridintake.routes.notify.SmsSendOutcome.Failed;
import org.gridintake.routes.notify.SmsSendOutcome.RetryLater;
import org.gridintake.routes.notify.SmsSendOutcome.Sent;
import org.gridintake.routes.notify.SmsSendOutcome.Unconfirmed;
import org.jsmpp.InvalidResponseException;
import org.jsmpp.PDUException;
import org.jsmpp.SMPPConstant;
import org.jsmpp.bean.Alphabet;
import org.jsmpp.bean.BindType;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.GSMSpecificFeature;
import org.jsmpp.bean.GeneralDataCoding;
import org.jsmpp.bean.MessageMode;
import org.jsmpp.bean.MessageType;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.SMSCDeliveryReceipt;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.NegativeResponseException;
import org.jsmpp.extra.ResponseTimeoutException;
import org.jsmpp.extra.SessionState;
import org.jsmpp.session.BindParameter;
import org.jsmpp.session.MessageReceiverListener;
import org.jsmpp.session.SMPPSession;
import org.jsmpp.session.connection.Connection;
import org.jsmpp.session.connection.ConnectionFactory;
import org.jsmpp.session.connection.socket.SocketConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One SMPP bind. One background thread owns binding: it binds at start and again whenever
 * the bound session closes or unbinds, waiting longer after each failed attempt. A jSMPP
 * session cannot be bound twice, so every attempt uses a new one. Sending holds at most
 * {@code windowSize} submit_sm outstanding and keeps to the bind's rate.
 */
final class SmppBind {

	private static final Logger logger = LoggerFactory.getLogger(SmppBind.class);

	private static final RegisteredDelivery RECEIPT_REQUESTED = new RegisteredDelivery(
			SMSCDeliveryReceipt.SUCCESS_FAILURE);

	private static final Map<Integer, String> STATUS_NAMES = statusNames();

	private final SmppSettings settings;

	private final String name;

	private final Semaphore window;

	private final int windowSize;

	/** {@code null}: no limit. */
	private final SendRateLimiter rateLimiter;

	private final double ratePerSecond;

	private final MessageReceiverListener listener;

	private final int pduThreads;

	private final ScheduledExecutorService binder;

	/** Guards session, nextBackoff and closed. */
	private final Object stateLock = new Object();

	private volatile SMPPSession session;

	private Duration nextBackoff;

	private boolean closed;

	/**
	 * @param ratePerSecond submit_sm PDUs per second; infinite for no limit
	 * @param pduThreads how many PDUs jSMPP may process at once on this bind's session
	 */
	SmppBind(SmppSettings settings, String name, int windowSize, double ratePerSecond, MessageReceiverListener listener,
			int pduThreads) {
		this.settings = Objects.requireNonNull(settings, "settings");
		this.name = Objects.requireNonNull(name, "name");
		this.windowSize = windowSize;
		this.window = new Semaphore(windowSize, true);
		this.ratePerSecond = ratePerSecond;
		this.rateLimiter = Double.isInfinite(ratePerSecond) ? null : new SendRateLimiter(ratePerSecond);
		this.listener = Objects.requireNonNull(listener, "listener");
		this.pduThreads = pduThreads;
		this.nextBackoff = settings.reconnectInitialBackoff();
		ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, (runnable) -> {
			Thread thread = new Thread(runnable, "smpp-bind-" + name);
			thread.setDaemon(true);
			return thread;
		});
		executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
		this.binder = executor;
	}

	String name() {
		return this.name;
	}

	SmppSettings.BindMode mode() {
		return this.settings.bindMode();
	}

	void start() {
		logger.info("SMPP bind {} to {}:{} as {} ({}) starting; binding in the background", this.name,
				this.settings.host(), this.settings.port(), this.settings.systemId(), this.settings.bindMode());
		this.binder.execute(this::bind);
	}

	boolean isBound() {
		SMPPSession current = this.session;
		return current != null && current.getSessionState().isBound();
	}

	boolean canTransmitNow() {
		SMPPSession current = this.session;
		return current != null && current.getSessionState().isBound() && current.getSessionState().isTransmittable();
	}

	/** How many senders wait for a place in the window; for tests. */
	int windowWaiters() {
		return this.window.getQueueLength();
	}

	/**
	 * Sends the parts of one text the SMSC has not answered yet, in order, over this
	 * bind; each answered part is added to the progress at once, so a later attempt (over
	 * any bind) goes on from the first part still missing.
	 */
	Attempt send(OutboundSms sms, SendProgress progress) {
		SMPPSession current = this.session;
		if (current == null || !current.getSessionState().isTransmittable()) {
			return new Attempt.Unavailable(this.name + " is not bound to the SMSC");
		}
		SmsSplitter.Split split = progress.split();
		int total = progress.totalParts();
		int first = progress.nextPart();
		long timeoutNanos = this.settings.submitTimeout().toNanos();
		long[] slots = null;
		if (this.rateLimiter != null) {
			slots = this.rateLimiter.reserve(total - first, timeoutNanos);
			if (slots == null) {
				return new Attempt.Unavailable(this.name + " is at its rate of " + this.ratePerSecond
						+ " submit_sm/s and has no slot within " + this.settings.submitTimeout().toMillis() + " ms");
			}
		}
		for (int part = first; part < total; part++) {
			if (slots != null && !waitUntil(slots[part - first])) {
				return new Attempt.Done(retryLater(sms, "interrupted" + partsNote(part, total)));
			}
			try {
				if (!this.window.tryAcquire(timeoutNanos, TimeUnit.NANOSECONDS)) {
					String reason = this.name + " had all " + this.windowSize
							+ " submit_sm of its window outstanding for " + this.settings.submitTimeout().toMillis()
							+ " ms";
					return (part == first) ? new Attempt.Unavailable(reason)
							: new Attempt.Done(retryLater(sms, reason + partsNote(part, total)));
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return new Attempt.Done(retryLater(sms, "interrupted" + partsNote(part, total)));
			}
			try {
				progress.accepted(submit(current, sms, split, split.payloads().get(part)));
			}
			catch (NegativeResponseException ex) {
				int status = ex.getCommandStatus();
				String reason = "SMSC answered " + statusName(status) + partsNote(part, total);
				logger.warn("SMS {} to {} not sent over {}: {}", sms.reference(), sms.to(), this.name, reason);
				return new Attempt.Done(isTransient(status) ? new RetryLater(reason) : new Failed(reason));
			}
			catch (ResponseTimeoutException ex) {
				// the submit_sm went out: the SMSC may have taken it and its answer been
				// lost with the link
				String reason = "no submit_sm_resp within " + this.settings.submitTimeout().toMillis() + " ms"
						+ (current.getSessionState().isBound() ? "" : ", and the link dropped meanwhile")
						+ partsNote(part, total);
				return new Attempt.Done(unconfirmed(sms, reason));
			}
			catch (InvalidResponseException ex) {
				return new Attempt.Done(unconfirmed(sms,
						"invalid response from the SMSC: " + ex.getMessage() + partsNote(part, total)));
			}
			catch (IOException ex) {
				// jSMPP throws it before or while writing the PDU, never after the SMSC
				// could have taken it: another bind may go on with the text without a
				// double
				String reason = "link " + this.name + " failed: " + ex.getMessage();
				return (part == first) ? new Attempt.Unavailable(reason)
						: new Attempt.Done(retryLater(sms, reason + partsNote(part, total)));
			}
			catch (PDUException ex) {
				logger.warn("SMS {} to {} cannot be encoded as submit_sm: {}", sms.reference(), sms.to(),
						ex.getMessage());
				return new Attempt.Done(new Failed("cannot be encoded as submit_sm: " + ex.getMessage()));
			}
			finally {
				this.window.release();
			}
		}
		return new Attempt.Done(new Sent(progress.messageIds()));
	}

	private String submit(SMPPSession current, OutboundSms sms, SmsSplitter.Split split, byte[] payload)
			throws PDUException, ResponseTimeoutException, InvalidResponseException, NegativeResponseException,
			IOException {
		ESMClass esmClass = split.concatenated()
				? new ESMClass(MessageMode.DEFAULT, MessageType.DEFAULT, GSMSpecificFeature.UDHI) : new ESMClass();
		GeneralDataCoding dataCoding = new GeneralDataCoding(
				(split.dataCoding() == SmsSplitter.DATA_CODING_UCS2) ? Alphabet.ALPHA_UCS2 : Alphabet.ALPHA_DEFAULT);
		return current
			.submitShortMessage(null, TypeOfNumber.valueOf(this.settings.sourceTon()),
					NumberingPlanIndicator.valueOf(this.settings.sourceNpi()), this.settings.sourceAddress(),
					TypeOfNumber.NATIONAL, NumberingPlanIndicator.ISDN, sms.to().digits(), esmClass, (byte) 0, (byte) 0,
					null, null, RECEIPT_REQUESTED, (byte) 0, dataCoding, (byte) 0, payload)
			.getMessageId();
	}

	/** Parks until the moment; false when interrupted. */
	private static boolean waitUntil(long nanoTime) {
		long remaining;
		while ((remaining = nanoTime - System.nanoTime()) > 0) {
			LockSupport.parkNanos(remaining);
			if (Thread.currentThread().isInterrupted()) {
				return false;
			}
		}
		return true;
	}

	private RetryLater retryLater(OutboundSms sms, String reason) {
		logger.warn("SMS {} to {} not sent over {}, will be retried: {}", sms.reference(), sms.to(), this.name, reason);
		return new RetryLater(reason);
	}

	private Unconfirmed unconfirmed(OutboundSms sms, String reason) {
		logger.warn("SMS {} to {} unconfirmed over {}, will be retried: {}", sms.reference(), sms.to(), this.name,
				reason);
		return new Unconfirmed(reason);
	}

	private static String partsNote(int accepted, int total) {
		return (total > 1) ? " (after " + accepted + " of " + total + " parts were accepted)" : "";
	}

	/**
	 * Throttling and a full queue pass; a bind-state complaint means the link went down
	 * under us, which a new bind fixes.
	 */
	private static boolean isTransient(int status) {
		return status == SMPPConstant.STAT_ESME_RTHROTTLED || status == SMPPConstant.STAT_ESME_RMSGQFUL
				|| status == SMPPConstant.STAT_ESME_RINVBNDSTS;
	}

	static String statusName(int status) {
		String statusName = STATUS_NAMES.get(status);
		String hex = String.format("0x%08X", status);
		return (statusName != null) ? statusName + " (" + hex + ")" : hex;
	}

	private static Map<Integer, String> statusNames() {
		Map<Integer, String> names = new HashMap<>();
		for (Field field : SMPPConstant.class.getFields()) {
			if (field.getName().startsWith("STAT_") && field.getType() == int.class
					&& Modifier.isStatic(field.getModifiers())) {
				try {
					names.putIfAbsent(field.getInt(null), field.getName().substring("STAT_".length()));
				}
				catch (IllegalAccessException ex) {
					// a public interface constant is always readable
				}
			}
		}
		return Collections.unmodifiableMap(names);
	}

	private void bind() {
		synchronized (this.stateLock) {
			if (this.closed) {
				return;
			}
		}
		SMPPSession candidate = newSession();
		try {
			candidate.connectAndBind(this.settings.host(), this.settings.port(), bindParameter(),
					this.settings.submitTimeout().toMillis());
		}
		catch (IOException ex) {
			candidate.close();
			Duration wait = scheduleBind(null);
			logger.warn("SMPP bind to {}:{} as {} failed: {}; next attempt in {} ms", this.settings.host(),
					this.settings.port(), this.settings.systemId(), ex.getMessage(), wait.toMillis());
			return;
		}
		boolean keep;
		synchronized (this.stateLock) {
			keep = !this.closed;
			if (keep) {
				this.session = candidate;
				this.nextBackoff = this.settings.reconnectInitialBackoff();
			}
		}
		if (!keep) {
			candidate.unbindAndClose();
			return;
		}
		logger.info("SMPP bound to {}:{} as {} ({}, link {})", this.settings.host(), this.settings.port(),
				this.settings.systemId(), candidate.getSessionState(), this.name);
		SessionState state = candidate.getSessionState();
		if (!state.isBound()) {
			// the link dropped before we took the session; its listener saw a stranger
			lost(candidate, state);
		}
	}

	private SMPPSession newSession() {
		int timeoutMillis = (int) Math.min(Integer.MAX_VALUE, this.settings.submitTimeout().toMillis());
		SMPPSession candidate = new SMPPSession(new TimedSocketConnectionFactory(timeoutMillis));
		candidate.setEnquireLinkTimer((int) this.settings.enquireLinkInterval().toMillis());
		candidate.setTransactionTimer(this.settings.submitTimeout().toMillis());
		candidate.setPduProcessorDegree(this.pduThreads);
		candidate.setMessageReceiverListener(this.listener);
		candidate.addSessionStateListener((newState, oldState, source) -> {
			if (newState == SessionState.CLOSED || newState == SessionState.UNBOUND) {
				lost(candidate, newState);
			}
		});
		return candidate;
	}

	private BindParameter bindParameter() {
		BindType bindType = switch (this.settings.bindMode()) {
			case TRANSMITTER -> BindType.BIND_TX;
			case RECEIVER -> BindType.BIND_RX;
			case TRANSCEIVER -> BindType.BIND_TRX;
		};
		return new BindParameter(bindType, this.settings.systemId(), this.settings.password(),
				// the address range names the short code whose messages this bind is to
				// receive
				this.settings.systemType(), TypeOfNumber.valueOf(this.settings.sourceTon()),
				NumberingPlanIndicator.valueOf(this.settings.sourceNpi()), this.settings.sourceAddress());
	}

	/** Called on jSMPP's threads: only hands the work to the binder thread. */
	private void lost(SMPPSession lostSession, SessionState state) {
		synchronized (this.stateLock) {
			if (this.closed || this.session != lostSession) {
				return;
			}
			this.session = null;
		}
		Duration wait = scheduleBind(lostSession);
		logger.warn("SMPP link {} to {}:{} lost ({}); binding again in {} ms", this.name, this.settings.host(),
				this.settings.port(), state, wait.toMillis());
	}

	private Duration scheduleBind(SMPPSession toClose) {
		Duration wait;
		synchronized (this.stateLock) {
			wait = this.nextBackoff;
			Duration doubled = this.nextBackoff.multipliedBy(2);
			this.nextBackoff = (doubled.compareTo(this.settings.reconnectMaxBackoff()) > 0)
					? this.settings.reconnectMaxBackoff() : doubled;
			if (this.closed) {
				return wait;
			}
		}
		try {
			this.binder.schedule(() -> {
				if (toClose != null) {
					toClose.close();
				}
				bind();
			}, wait.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (RejectedExecutionException ex) {
			// closed meanwhile: nothing more to bind
		}
		return wait;
	}

	void close() {
		SMPPSession current;
		synchronized (this.stateLock) {
			if (this.closed) {
				return;
			}
			this.closed = true;
			current = this.session;
			this.session = null;
		}
		this.binder.shutdownNow();
		if (current != null) {
			current.unbindAndClose();
		}
		logger.info("SMPP bind {} to {}:{} as {} closed", this.name, this.settings.host(), this.settings.port(),
				this.settings.systemId());
	}

	/** What became of a text on this bind. */
	sealed interface Attempt {

		/** Nothing went out in this attempt: another bind may go on with the text. */
		record Unavailable(String reason) implements Attempt {
		}

		/**
		 * The outcome stands: a part went out, or may have, in this attempt over this
		 * bind.
		 */
		record Done(SmsSendOutcome outcome) implements Attempt {
		}

	}

	/**
	 * Like jSMPP's own factory, but a dead host cannot hold the binder thread for
	 * minutes.
	 */
	private static final class TimedSocketConnectionFactory implements ConnectionFactory {

		private final int timeoutMillis;

		TimedSocketConnectionFactory(int timeoutMillis) {
			this.timeoutMillis = timeoutMillis;
		}

		@Override
		public Connection createConnection(String host, int port) throws IOException {
			Socket socket = new Socket();
			try {
				socket.connect(new InetSocketAddress(host, port), this.timeoutMillis);
				return new SocketConnection(socket);
			}
			catch (IOException ex) {
				socket.close();
				throw ex;
			}
		}

	}

}
