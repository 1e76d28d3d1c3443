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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

import org.gridintake.routes.notify.OutboundSms;
import org.gridintake.routes.notify.SmsSendOutcome;
import org.gridintake.routes.notify.SmsSendOutcome.Failed;
import org.gridintake.routes.notify.SmsSendOutcome.RetryLater;
import org.gridintake.routes.notify.SmsSendOutcome.Sent;
import org.jsmpp.InvalidResponseException;
import org.jsmpp.PDUException;
import org.jsmpp.SMPPConstant;
import org.jsmpp.bean.AlertNotification;
import org.jsmpp.bean.Alphabet;
import org.jsmpp.bean.BindType;
import org.jsmpp.bean.DataSm;
import org.jsmpp.bean.DeliverSm;
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
import org.jsmpp.extra.ProcessRequestException;
import org.jsmpp.extra.ResponseTimeoutException;
import org.jsmpp.extra.SessionState;
import org.jsmpp.session.BindParameter;
import org.jsmpp.session.DataSmResult;
import org.jsmpp.session.MessageReceiverListener;
import org.jsmpp.session.SMPPSession;
import org.jsmpp.session.Session;
import org.jsmpp.session.connection.Connection;
import org.jsmpp.session.connection.ConnectionFactory;
import org.jsmpp.session.connection.socket.SocketConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The jSMPP-backed {@link SmppClient}. One background thread owns binding: it binds at
 * start and again whenever the bound session closes or unbinds, waiting longer after each
 * failed attempt. A jSMPP session cannot be bound twice, so every attempt uses a new one.
 */
final class JsmppClient implements SmppClient {

	private static final Logger logger = LoggerFactory.getLogger(JsmppClient.class);

	/** Enough to cover an outbox retry window without growing without bound. */
	private static final int REMEMBERED_SENDS = 10_000;

	private static final RegisteredDelivery RECEIPT_REQUESTED = new RegisteredDelivery(
			SMSCDeliveryReceipt.SUCCESS_FAILURE);

	private static final Map<Integer, String> STATUS_NAMES = statusNames();

	private final SmppSettings settings;

	private final ScheduledExecutorService binder;

	private final ReentrantLock sendLock = new ReentrantLock();

	private final AtomicInteger concatenationReference = new AtomicInteger(ThreadLocalRandom.current().nextInt(256));

	/** Guards session, nextBackoff, closed and the remembered sends. */
	private final Object stateLock = new Object();

	private volatile SMPPSession session;

	private Duration nextBackoff;

	private boolean closed;

	private final Map<String, Sent> sentByReference = new LinkedHashMap<>(256, 0.75f, true) {

		@Override
		protected boolean removeEldestEntry(Map.Entry<String, Sent> eldest) {
			return size() > REMEMBERED_SENDS;
		}

	};

	JsmppClient(SmppSettings settings) {
		this.settings = Objects.requireNonNull(settings, "settings");
		this.nextBackoff = settings.reconnectInitialBackoff();
		ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, (runnable) -> {
			Thread thread = new Thread(runnable, "smpp-bind-" + settings.systemId());
			thread.setDaemon(true);
			return thread;
		});
		executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
		this.binder = executor;
	}

	void start() {
		logger.info("SMPP client for {}:{} as {} ({}) starting; binding in the background", this.settings.host(),
				this.settings.port(), this.settings.systemId(), this.settings.bindMode());
		this.binder.execute(this::bind);
	}

	@Override
	public boolean isReady() {
		SMPPSession current = this.session;
		return current != null && current.getSessionState().isBound() && current.getSessionState().isTransmittable();
	}

	@Override
	public SmsSendOutcome send(OutboundSms sms) {
		Objects.requireNonNull(sms, "sms");
		if (sms.to() == null || sms.text() == null) {
			return new Failed("an SMS needs a recipient and a text");
		}
		// parts of one text must not interleave with another text's parts on the link
		this.sendLock.lock();
		try {
			Sent earlier = rememberedSend(sms.reference());
			if (earlier != null) {
				logger.info("SMS {} to {} was already sent as {}; not sending it again", sms.reference(), sms.to(),
						earlier.messageIds());
				return earlier;
			}
			SMPPSession current = this.session;
			if (current == null || !current.getSessionState().isTransmittable()) {
				return new RetryLater("not bound to the SMSC");
			}
			SmsSplitter.Split split;
			try {
				split = SmsSplitter.split(sms.text(), this.concatenationReference.getAndIncrement());
			}
			catch (IllegalArgumentException ex) {
				logger.warn("SMS {} to {} cannot be sent: {}", sms.reference(), sms.to(), ex.getMessage());
				return new Failed(ex.getMessage());
			}
			return submitAll(current, sms, split);
		}
		finally {
			this.sendLock.unlock();
		}
	}

	private SmsSendOutcome submitAll(SMPPSession current, OutboundSms sms, SmsSplitter.Split split) {
		int total = split.payloads().size();
		List<String> messageIds = new ArrayList<>(total);
		try {
			for (byte[] payload : split.payloads()) {
				messageIds.add(submit(current, sms, split, payload));
			}
		}
		catch (NegativeResponseException ex) {
			int status = ex.getCommandStatus();
			String reason = "SMSC answered " + statusName(status) + partsNote(messageIds.size(), total);
			logger.warn("SMS {} to {} not sent: {}", sms.reference(), sms.to(), reason);
			return isTransient(status) ? new RetryLater(reason) : new Failed(reason);
		}
		catch (ResponseTimeoutException ex) {
			return retryLater(sms, "no submit_sm_resp within " + this.settings.submitTimeout().toMillis() + " ms"
					+ partsNote(messageIds.size(), total));
		}
		catch (InvalidResponseException ex) {
			return retryLater(sms,
					"invalid response from the SMSC: " + ex.getMessage() + partsNote(messageIds.size(), total));
		}
		catch (IOException ex) {
			return retryLater(sms, "link to the SMSC failed: " + ex.getMessage() + partsNote(messageIds.size(), total));
		}
		catch (PDUException ex) {
			logger.warn("SMS {} to {} cannot be encoded as submit_sm: {}", sms.reference(), sms.to(), ex.getMessage());
			return new Failed("cannot be encoded as submit_sm: " + ex.getMessage());
		}
		Sent sent = new Sent(messageIds);
		remember(sms.reference(), sent);
		logger.info("SMS {} to {} sent: {} part(s), data_coding {}, message ids {}", sms.reference(), sms.to(), total,
				split.dataCoding(), messageIds);
		return sent;
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

	private RetryLater retryLater(OutboundSms sms, String reason) {
		logger.warn("SMS {} to {} not sent, will be retried: {}", sms.reference(), sms.to(), reason);
		return new RetryLater(reason);
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
		String name = STATUS_NAMES.get(status);
		String hex = String.format("0x%08X", status);
		return (name != null) ? name + " (" + hex + ")" : hex;
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

	private Sent rememberedSend(String reference) {
		if (reference == null) {
			return null;
		}
		synchronized (this.stateLock) {
			return this.sentByReference.get(reference);
		}
	}

	private void remember(String reference, Sent sent) {
		if (reference != null) {
			synchronized (this.stateLock) {
				this.sentByReference.put(reference, sent);
			}
		}
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
			Duration wait = scheduleBind();
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
		logger.info("SMPP bound to {}:{} as {} ({})", this.settings.host(), this.settings.port(),
				this.settings.systemId(), candidate.getSessionState());
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
		candidate.setMessageReceiverListener(new InboundListener());
		candidate.addSessionStateListener((newState, oldState, source) -> {
			if (newState == SessionState.CLOSED || newState == SessionState.UNBOUND) {
				lost(candidate, newState);
			}
		});
		return candidate;
	}

	private BindParameter bindParameter() {
		BindType bindType = (this.settings.bindMode() == SmppSettings.BindMode.TRANSCEIVER) ? BindType.BIND_TRX
				: BindType.BIND_TX;
		return new BindParameter(bindType, this.settings.systemId(), this.settings.password(),
				this.settings.systemType(), TypeOfNumber.UNKNOWN, NumberingPlanIndicator.UNKNOWN, null);
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
		logger.warn("SMPP link to {}:{} lost ({}); binding again in {} ms", this.settings.host(), this.settings.port(),
				state, wait.toMillis());
	}

	private Duration scheduleBind() {
		return scheduleBind(null);
	}

	private Duration scheduleBind(SMPPSession toClose) {
		Duration wait;
		synchronized (this.stateLock) {
			wait = this.nextBackoff;
			Duration doubled = wait.multipliedBy(2);
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

	@Override
	public void close() {
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
		logger.info("SMPP client for {}:{} as {} closed", this.settings.host(), this.settings.port(),
				this.settings.systemId());
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

	/**
	 * A transceiver bind also receives: delivery receipts and replies are acknowledged so
	 * that the SMSC does not resend them; acting on them is not this sender's job.
	 */
	private static final class InboundListener implements MessageReceiverListener {

		@Override
		public void onAcceptDeliverSm(DeliverSm deliverSm) {
			if (MessageType.SMSC_DEL_RECEIPT.containedIn(deliverSm.getEsmClass())) {
				logger.debug("Delivery receipt received: {}", receiptId(deliverSm));
			}
			else {
				logger.debug("Mobile-originated SMS received on the sending bind; not handled here");
			}
		}

		private static String receiptId(DeliverSm deliverSm) {
			try {
				return deliverSm.getShortMessageAsDeliveryReceipt().getId();
			}
			catch (Exception ex) {
				return "(unparsable)";
			}
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
