package org.gridintake.adapters.sms.simulator;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.gridintake.adapters.sms.SmsSplitter;
import org.gridintake.routes.casedraft.Mobile;
import org.gridintake.adapters.sms.mo.MoCodecs;
import org.gridintake.routes.sms.MoPart;
import org.jsmpp.PDUStringException;
import org.jsmpp.SMPPConstant;
import org.jsmpp.bean.Alphabet;
import org.jsmpp.bean.BroadcastSm;
import org.jsmpp.bean.CancelBroadcastSm;
import org.jsmpp.bean.CancelSm;
import org.jsmpp.bean.DataCoding;
import org.jsmpp.bean.DataCodings;
import org.jsmpp.bean.DataSm;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.GSMSpecificFeature;
import org.jsmpp.bean.GeneralDataCoding;
import org.jsmpp.bean.MessageMode;
import org.jsmpp.bean.MessageType;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.bean.OptionalParameters;
import org.jsmpp.bean.QueryBroadcastSm;
import org.jsmpp.bean.QuerySm;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.ReplaceSm;
import org.jsmpp.bean.SubmitMulti;
import org.jsmpp.bean.SubmitSm;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.NegativeResponseException;
import org.jsmpp.extra.ProcessRequestException;
import org.jsmpp.extra.SessionState;
import org.jsmpp.session.BindRequest;
import org.jsmpp.session.BroadcastSmResult;
import org.jsmpp.session.DataSmResult;
import org.jsmpp.session.QueryBroadcastSmResult;
import org.jsmpp.session.QuerySmResult;
import org.jsmpp.session.SMPPServerSession;
import org.jsmpp.session.SMPPServerSessionListener;
import org.jsmpp.session.ServerMessageReceiverListener;
import org.jsmpp.session.ServerResponseDeliveryListener;
import org.jsmpp.session.Session;
import org.jsmpp.session.SubmitMultiResult;
import org.jsmpp.session.SubmitSmResult;
import org.jsmpp.util.MessageId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small SMSC on the loopback interface, for the gateway's embedded run mode and for
 * tests: a real SMPP server (jSMPP) that accepts any bind, takes every submit_sm, decodes
 * it with the gateway's own codecs, rejoins concatenated parts and keeps the complete
 * messages. It delivers residents' texts and delivery receipts to bound receivers, and
 * keeps the status of every deliver_sm_resp it gets back.
 */
public class SmscSimulator implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(SmscSimulator.class);

	private static final long BIND_TIMEOUT_MILLIS = 5_000;

	/** How long a deliver_sm may wait for its response: the ESME may store slowly. */
	private static final long DELIVER_TIMEOUT_MILLIS = 10_000;

	/** The longest a held submit_sm waits, so that a forgotten release ends. */
	private static final long HOLD_LIMIT_MILLIS = 30_000;

	/**
	 * Enough PDU threads per session that a held window shows how many are outstanding.
	 */
	private static final int PDU_THREADS = 16;

	private static final String SYSTEM_ID = "gridsmsc";

	private static final ZoneId SMSC_ZONE = ZoneId.of("Asia/Shanghai");

	private static final DateTimeFormatter RECEIPT_DATE = DateTimeFormatter.ofPattern("yyMMddHHmm").withZone(SMSC_ZONE);

	private static final Map<String, Integer> MESSAGE_STATES = Map.of("ENROUTE", 1, "DELIVRD", 2, "EXPIRED", 3,
			"DELETED", 4, "UNDELIV", 5, "ACCEPTD", 6, "UNKNOWN", 7, "REJECTD", 8);

	private final LoopbackServerConnectionFactory connections = new LoopbackServerConnectionFactory();

	private final SMPPServerSessionListener listener;

	private final ExecutorService workers;

	/** Bound sessions and the system id each bound with. */
	private final Map<SMPPServerSession, String> sessions = new ConcurrentHashMap<>();

	private final List<ReceivedSms> received = new CopyOnWriteArrayList<>();

	private final List<SubmittedPart> submitted = new CopyOnWriteArrayList<>();

	private final List<Integer> deliverResponses = new CopyOnWriteArrayList<>();

	/** Message ids issued, with the submit_sm each answered: what a receipt needs. */
	private final Map<String, Issued> issued = new ConcurrentHashMap<>();

	private final AtomicInteger submits = new AtomicInteger();

	private final AtomicInteger drops = new AtomicInteger();

	private final AtomicInteger submitsInFlight = new AtomicInteger();

	private final AtomicInteger maxSubmitsInFlight = new AtomicInteger();

	private final AtomicLong nextMessageId = new AtomicLong(ThreadLocalRandom.current().nextLong(1L << 32));

	private final AtomicInteger nextDeliverReference = new AtomicInteger();

	private volatile int rejectStatus = SMPPConstant.STAT_ESME_ROK;

	/** Every part taken, by the message id it was answered with. */
	private final Map<String, SubmittedPart> partsById = new ConcurrentHashMap<>();

	/** Parts taken whose submit_sm_resp could not be written: the ESME never heard. */
	private final List<SubmittedPart> unanswered = new CopyOnWriteArrayList<>();

	/** Submits still to be taken before the sessions are dropped; 0: no drop planned. */
	private final AtomicInteger submitsBeforeDrop = new AtomicInteger();

	/** Whether the planned drop comes before the last submit_sm is answered. */
	private volatile boolean dropBeforeAnswer;

	/** The message id whose submit_sm_resp, once written, drops the sessions. */
	private volatile String dropAfterAnswerOf;

	/** While set, submit_sm wait for it before being answered. */
	private volatile CountDownLatch submitGate;

	/** Parts of concatenated messages still waiting for the rest; guarded by itself. */
	private final Map<PartKey, Fragments> incomplete = new HashMap<>();

	private volatile boolean closed;

	private SmscSimulator(int port) throws IOException {
		this.listener = new SMPPServerSessionListener(port, this.connections);
		this.listener.setPduProcessorDegree(PDU_THREADS);
		this.listener.setMessageReceiverListener(new Receiver());
		this.listener.setResponseDeliveryListener(new Answers());
		this.listener.setSessionStateListener((newState, oldState, source) -> {
			if (newState == SessionState.CLOSED) {
				this.sessions.remove(source);
			}
		});
		this.workers = Executors.newCachedThreadPool((runnable) -> {
			Thread thread = new Thread(runnable, "smsc-simulator-" + this.connections.localPort());
			thread.setDaemon(true);
			return thread;
		});
		this.workers.execute(this::acceptLoop);
	}

	/**
	 * Starts listening on the loopback interface. To restart a simulator, close it and
	 * start another on its {@link #port()}.
	 * @param port the port; 0 picks a free one, see {@link #port()}
	 * @throws UncheckedIOException when the port cannot be bound
	 */
	public static SmscSimulator start(int port) {
		try {
			SmscSimulator simulator = new SmscSimulator(port);
			logger.info("SMSC simulator listening on {}:{}", simulator.host(), simulator.port());
			return simulator;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("SMSC simulator cannot listen on port " + port, ex);
		}
	}

	public int port() {
		return this.connections.localPort();
	}

	/** The loopback address it listens on, e.g. {@code 127.0.0.1}. */
	public String host() {
		return this.connections.host();
	}

	/** The complete messages received so far, oldest first. */
	public List<ReceivedSms> received() {
		return List.copyOf(this.received);
	}

	/** Every submit_sm taken so far (one per part), in the order they arrived. */
	public List<SubmittedPart> submitted() {
		return List.copyOf(this.submitted);
	}

	/** How many submit_sm PDUs arrived (one per part), taken or refused. */
	public int submitCount() {
		return this.submits.get();
	}

	/** How many submit_sm were taken over binds of this system id. */
	public int submitCount(String systemId) {
		return (int) this.submitted.stream().filter((part) -> part.systemId().equals(systemId)).count();
	}

	/**
	 * The parts taken whose submit_sm_resp could not be written because the session was
	 * gone: the SMSC has them, the ESME never heard so. In the order they were taken.
	 */
	public List<SubmittedPart> unanswered() {
		return List.copyOf(this.unanswered);
	}

	/**
	 * Plans a link failure mid-burst: the {@code submits}-th submit_sm taken from now is
	 * answered, and then every session is dropped without an unbind.
	 */
	public void dropSessionsAfterSubmits(int submits) {
		planDrop(submits, false);
	}

	/**
	 * Plans the worst moment for a link failure: the {@code submits}-th submit_sm taken
	 * from now is kept, and every session is dropped before it is answered, so the ESME
	 * cannot know the SMSC has it (see {@link #unanswered()}).
	 */
	public void dropSessionsBeforeAnswering(int submits) {
		planDrop(submits, true);
	}

	private void planDrop(int submits, boolean beforeAnswer) {
		if (submits < 1) {
			throw new IllegalArgumentException("submits must be at least 1");
		}
		this.dropBeforeAnswer = beforeAnswer;
		this.submitsBeforeDrop.set(submits);
	}

	/**
	 * The command_status of every deliver_sm_resp so far, oldest first; {@code 0} is
	 * ESME_ROK.
	 */
	public List<Integer> deliverResponses() {
		return List.copyOf(this.deliverResponses);
	}

	/** The system ids of the sessions bound now, one entry per session. */
	public List<String> boundSystemIds() {
		return List.copyOf(this.sessions.values());
	}

	/**
	 * Forgets received messages, pending parts, issued ids, deliver_sm_resp statuses and
	 * the counts.
	 */
	public void clear() {
		synchronized (this.incomplete) {
			this.incomplete.clear();
			this.received.clear();
			this.submitted.clear();
			this.deliverResponses.clear();
			this.issued.clear();
			this.partsById.clear();
			this.unanswered.clear();
			this.submitsBeforeDrop.set(0);
			this.dropAfterAnswerOf = null;
			this.submits.set(0);
			this.maxSubmitsInFlight.set(this.submitsInFlight.get());
		}
	}

	/**
	 * Answers every following submit_sm with this command_status instead of taking it, as
	 * a throttling or refusing SMSC would; {@code 0} (ESME_ROK) takes them again.
	 */
	public void rejectSubmits(int commandStatus) {
		this.rejectStatus = commandStatus;
	}

	/**
	 * Holds every following submit_sm unanswered until {@link #releaseSubmits()}, as a
	 * slow SMSC would, so that a test can see how many an ESME keeps outstanding.
	 */
	public void holdSubmits() {
		this.submitGate = new CountDownLatch(1);
	}

	/** Answers the held submit_sm and stops holding. */
	public void releaseSubmits() {
		CountDownLatch gate = this.submitGate;
		this.submitGate = null;
		if (gate != null) {
			gate.countDown();
		}
	}

	/** How many submit_sm arrived and are not answered yet. */
	public int submitsInFlight() {
		return this.submitsInFlight.get();
	}

	/**
	 * The most submit_sm that were unanswered at once since the start or the last clear.
	 */
	public int maxSubmitsInFlight() {
		return this.maxSubmitsInFlight.get();
	}

	/** How many times bound sessions were dropped, at once or as planned. */
	public int drops() {
		return this.drops.get();
	}

	/** Closes every bound session without an unbind, as a network failure would. */
	public void dropSessions() {
		dropSessions(null);
	}

	/**
	 * Closes the bound sessions of one system id without an unbind.
	 * @param systemId whose sessions; {@code null} for every session
	 */
	public void dropSessions(String systemId) {
		List<SMPPServerSession> current = new ArrayList<>();
		this.sessions.forEach((session, boundAs) -> {
			if (systemId == null || systemId.equals(boundAs)) {
				current.add(session);
			}
		});
		for (SMPPServerSession session : current) {
			this.sessions.remove(session);
			session.close();
		}
		if (!current.isEmpty()) {
			this.drops.incrementAndGet();
		}
		logger.info("SMSC simulator: dropped {} session(s)", current.size());
	}

	/**
	 * Sends a mobile-originated text (UCS2) to a bound receiver or transceiver; a text
	 * longer than one SMS goes as concatenated parts (8-bit reference).
	 * @return the deliver_sm_resp status of each part, in order
	 * @throws IllegalStateException when no receiver or transceiver is bound, or a
	 * deliver_sm gets no response
	 */
	public List<Integer> deliver(String from, String to, String text) {
		return mo(from, to).text(text).send();
	}

	/**
	 * Starts a mobile-originated message whose parts, their order, repetitions, kind of
	 * concatenation and bind a test chooses.
	 */
	public MoDelivery mo(String from, String to) {
		return new MoDelivery(from, to);
	}

	/**
	 * Sends a delivery receipt for a message this simulator accepted, in the text form
	 * ({@code id:… sub:… dlvrd:… submit date:… done date:… stat:… err:… text:}) and with
	 * the receipted_message_id and message_state TLVs. It goes over the bind that
	 * submitted the message if that one can receive, else over a receiving bind of the
	 * same system id, else over any receiving bind.
	 * @param messageId the id as the simulator issued it (hex)
	 * @param stat the text form's state: {@code DELIVRD}, {@code UNDELIV},
	 * {@code EXPIRED} …
	 * @param decimalId whether to write the id in decimal, as many SMSCs do, instead of
	 * as issued
	 * @return the deliver_sm_resp status
	 * @throws IllegalArgumentException when the simulator did not issue that id
	 * @throws IllegalStateException when no receiver or transceiver is bound, or the
	 * deliver_sm gets no response
	 */
	public int sendReceipt(String messageId, String stat, boolean decimalId) {
		Issued message = this.issued.get(messageId.toLowerCase(Locale.ROOT));
		if (message == null) {
			throw new IllegalArgumentException("the simulator issued no message id " + messageId);
		}
		String id = decimalId ? new BigInteger(messageId, 16).toString() : messageId;
		String submitDate = RECEIPT_DATE.format(message.at());
		String doneDate = RECEIPT_DATE.format(Instant.now());
		String delivered = "DELIVRD".equals(stat) ? "001" : "000";
		String text = "id:" + id + " sub:001 dlvrd:" + delivered + " submit date:" + submitDate + " done date:"
				+ doneDate + " stat:" + stat + " err:000 text:";
		List<OptionalParameter> tlvs = new ArrayList<>();
		tlvs.add(new OptionalParameter.Receipted_message_id(id));
		Integer state = MESSAGE_STATES.get(stat);
		if (state != null) {
			tlvs.add(new OptionalParameter.Message_state(state.byteValue()));
		}
		SMPPServerSession target = receiptTarget(message);
		int status = deliverPdu(target, message.destination(), message.source(),
				new ESMClass(MessageMode.DEFAULT, MessageType.SMSC_DEL_RECEIPT, GSMSpecificFeature.DEFAULT),
				new GeneralDataCoding(Alphabet.ALPHA_DEFAULT), text.getBytes(StandardCharsets.ISO_8859_1),
				tlvs.toArray(new OptionalParameter[0]));
		logger.info("SMSC simulator: receipt {} for {} (to {}) delivered, answered {}", stat, id,
				Mobile.mask(message.destination()), status);
		return status;
	}

	@Override
	public void close() {
		if (this.closed) {
			return;
		}
		this.closed = true;
		releaseSubmits();
		try {
			this.listener.close();
		}
		catch (IOException ex) {
			logger.warn("SMSC simulator: closing the listener failed: {}", ex.getMessage());
		}
		dropSessions();
		this.workers.shutdownNow();
		logger.info("SMSC simulator on port {} closed", port());
	}

	private void acceptLoop() {
		while (!this.closed) {
			SMPPServerSession session;
			try {
				session = this.listener.accept();
			}
			catch (IOException ex) {
				if (!this.closed) {
					logger.warn("SMSC simulator: accept failed, no longer listening: {}", ex.getMessage());
				}
				return;
			}
			this.workers.execute(() -> awaitBind(session));
		}
	}

	private void awaitBind(SMPPServerSession session) {
		try {
			BindRequest request = session.waitForBind(BIND_TIMEOUT_MILLIS);
			session.setTransactionTimer(DELIVER_TIMEOUT_MILLIS);
			this.sessions.put(session, request.getSystemId());
			request.accept(SYSTEM_ID);
			logger.info("SMSC simulator: {} from system id '{}' (password {}) accepted", request.getBindType(),
					request.getSystemId(), maskPassword(request.getPassword()));
			if (this.closed) {
				session.close();
			}
		}
		catch (TimeoutException ex) {
			logger.warn("SMSC simulator: no bind within {} ms; connection closed", BIND_TIMEOUT_MILLIS);
		}
		catch (IOException | PDUStringException | IllegalStateException ex) {
			this.sessions.remove(session);
			session.close();
			logger.warn("SMSC simulator: bind failed: {}", ex.getMessage());
		}
	}

	private SubmitSmResult accept(SubmitSm submitSm, String systemId) throws ProcessRequestException {
		this.submits.incrementAndGet();
		int inFlight = this.submitsInFlight.incrementAndGet();
		this.maxSubmitsInFlight.accumulateAndGet(inFlight, Math::max);
		try {
			awaitGate();
			SubmitSmResult result = take(submitSm, systemId);
			if (this.submitsBeforeDrop.get() > 0 && this.submitsBeforeDrop.decrementAndGet() == 0) {
				if (this.dropBeforeAnswer) {
					logger.info("SMSC simulator: took message {} and drops the sessions before answering it",
							result.getMessageId());
					dropSessions();
				}
				else {
					this.dropAfterAnswerOf = result.getMessageId();
				}
			}
			return result;
		}
		finally {
			this.submitsInFlight.decrementAndGet();
		}
	}

	private void awaitGate() {
		CountDownLatch gate = this.submitGate;
		if (gate == null) {
			return;
		}
		try {
			if (!gate.await(HOLD_LIMIT_MILLIS, TimeUnit.MILLISECONDS)) {
				logger.warn("SMSC simulator: submit_sm held for {} ms without a release; answering it",
						HOLD_LIMIT_MILLIS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private SubmitSmResult take(SubmitSm submitSm, String systemId) throws ProcessRequestException {
		int status = this.rejectStatus;
		if (status != SMPPConstant.STAT_ESME_ROK) {
			throw new ProcessRequestException("rejected as asked", status);
		}
		MoCodecs.Decoded decoded = MoCodecs.decodeText(submitSm.getShortMessage(), submitSm.getDataCoding(),
				submitSm.getEsmClass(), submitSm.getOptionalParameters());
		if (!(decoded instanceof MoCodecs.Text text)) {
			String reason = ((MoCodecs.Undecodable) decoded).reason();
			logger.warn("SMSC simulator: submit_sm to {} refused: {}", Mobile.mask(submitSm.getDestAddress()), reason);
			throw new ProcessRequestException(reason, SMPPConstant.STAT_ESME_RSUBMITFAIL);
		}
		String messageId = newMessageId();
		this.issued.put(messageId,
				new Issued(submitSm.getSourceAddr(), submitSm.getDestAddress(), systemId, Instant.now()));
		int dataCoding = submitSm.getDataCoding() & 0xFF;
		MoPart.Concatenation concatenation = text.concatenation();
		SubmittedPart part = new SubmittedPart(systemId, submitSm.getDestAddress(), messageId,
				(concatenation != null) ? concatenation.sequence() : 1,
				(concatenation != null) ? concatenation.total() : 1,
				(concatenation != null) ? concatenation.reference() : 0);
		this.submitted.add(part);
		this.partsById.put(messageId, part);
		if (concatenation == null) {
			record(submitSm.getSourceAddr(), submitSm.getDestAddress(), text.text(), 1, dataCoding);
		}
		else {
			addPart(submitSm, dataCoding, concatenation, text.text());
		}
		try {
			return new SubmitSmResult(new MessageId(messageId), new OptionalParameter[0]);
		}
		catch (PDUStringException ex) {
			throw new ProcessRequestException("cannot make a message id", SMPPConstant.STAT_ESME_RSYSERR, ex);
		}
	}

	/**
	 * Texts are joined after each part was decoded; the decoder lets a UCS2 part end with
	 * the first half of a surrogate pair when the next part starts with the second.
	 */
	private void addPart(SubmitSm submitSm, int dataCoding, MoPart.Concatenation concatenation, String text) {
		PartKey key = new PartKey(submitSm.getSourceAddr(), submitSm.getDestAddress(), concatenation.reference(),
				concatenation.total());
		Fragments complete = null;
		synchronized (this.incomplete) {
			Fragments fragments = this.incomplete.computeIfAbsent(key,
					(k) -> new Fragments(concatenation.total(), dataCoding));
			fragments.texts[concatenation.sequence() - 1] = text;
			if (fragments.isComplete()) {
				this.incomplete.remove(key);
				complete = fragments;
			}
		}
		if (complete != null) {
			record(key.source(), key.destination(), String.join("", complete.texts), key.total(), complete.dataCoding);
		}
	}

	private void record(String source, String destination, String text, int parts, int dataCoding) {
		this.received.add(new ReceivedSms(source, destination, text, parts, dataCoding, Instant.now()));
		logger.info("SMSC simulator: SMS to {} ({} part{}): {}", Mobile.mask(destination), parts,
				(parts == 1) ? "" : "s", text);
	}

	private String newMessageId() {
		return Long.toHexString(this.nextMessageId.getAndIncrement());
	}

	private SMPPServerSession receiptTarget(Issued message) {
		SMPPServerSession sameSystemId = null;
		SMPPServerSession any = null;
		for (Map.Entry<SMPPServerSession, String> entry : this.sessions.entrySet()) {
			if (!entry.getKey().getSessionState().isReceivable()) {
				continue;
			}
			if (entry.getValue().equals(message.systemId())) {
				sameSystemId = entry.getKey();
			}
			any = entry.getKey();
		}
		SMPPServerSession target = (sameSystemId != null) ? sameSystemId : any;
		if (target == null) {
			throw new IllegalStateException("no receiver or transceiver is bound");
		}
		return target;
	}

	private SMPPServerSession receiver(String systemId) {
		return this.sessions.entrySet()
			.stream()
			.filter((entry) -> entry.getKey().getSessionState().isReceivable())
			.filter((entry) -> systemId == null || systemId.equals(entry.getValue()))
			.map(Map.Entry::getKey)
			.findFirst()
			.orElseThrow(() -> new IllegalStateException(
					(systemId != null) ? "no receiver or transceiver of system id '" + systemId + "' is bound"
							: "no receiver or transceiver is bound"));
	}

	/**
	 * Delivers one PDU and waits for its response.
	 * @return the deliver_sm_resp status, also kept in {@link #deliverResponses()}
	 */
	private int deliverPdu(SMPPServerSession target, String from, String to, ESMClass esmClass, DataCoding dataCoding,
			byte[] shortMessage, OptionalParameter... tlvs) {
		int status;
		try {
			target.deliverShortMessage(null, TypeOfNumber.UNKNOWN, NumberingPlanIndicator.ISDN, from,
					TypeOfNumber.UNKNOWN, NumberingPlanIndicator.ISDN, to, esmClass, (byte) 0, (byte) 0,
					new RegisteredDelivery(0), dataCoding, shortMessage, tlvs);
			status = SMPPConstant.STAT_ESME_ROK;
		}
		catch (NegativeResponseException ex) {
			status = ex.getCommandStatus();
		}
		catch (Exception ex) {
			throw new IllegalStateException("deliver_sm to the bound ESME failed: " + ex.getMessage(), ex);
		}
		this.deliverResponses.add(status);
		return status;
	}

	/** A user data header of one element, then the body. */
	private static byte[] withHeader(byte[] body, byte[] element) {
		ByteArrayOutputStream payload = new ByteArrayOutputStream(1 + element.length + body.length);
		payload.write(element.length);
		payload.writeBytes(element);
		payload.writeBytes(body);
		return payload.toByteArray();
	}

	private static String maskPassword(String password) {
		return (password == null || password.isEmpty()) ? "empty" : "****";
	}

	/** How the parts of a mobile-originated message say where they belong. */
	public enum Concatenation {

		/** User data header element 0x00: an 8-bit reference. */
		UDH_8BIT,

		/** User data header element 0x08: a 16-bit reference. */
		UDH_16BIT,

		/** The sar_msg_ref_num, sar_total_segments and sar_segment_seqnum TLVs. */
		SAR

	}

	/**
	 * A mobile-originated message to deliver: by default UCS2, concatenated with an 8-bit
	 * reference the simulator picks, over the first bound receiver or transceiver.
	 */
	public final class MoDelivery {

		private final String from;

		private final String to;

		private List<byte[]> bodies = List.of();

		private int dataCoding = 0x08;

		private Concatenation concatenation = Concatenation.UDH_8BIT;

		private boolean headerIncluded;

		private Integer reference;

		private String systemId;

		private MoDelivery(String from, String to) {
			this.from = Objects.requireNonNull(from, "from");
			this.to = Objects.requireNonNull(to, "to");
		}

		/** The text in UCS2, split into parts as a handset would when it is long. */
		public MoDelivery text(String text) {
			// a handset splits a long text the way the gateway does
			return parts(SmsSplitter.ucs2Segments(text));
		}

		/** One part per text, each in UCS2. */
		public MoDelivery parts(List<String> texts) {
			return payloads(texts.stream().map((text) -> text.getBytes(StandardCharsets.UTF_16BE)).toList());
		}

		/**
		 * The user data of each part, without a header, as sent: e.g. broken UCS2.
		 */
		public MoDelivery payloads(List<byte[]> userData) {
			this.bodies = userData.stream().map(byte[]::clone).toList();
			return this;
		}

		/**
		 * Each payload already starts with its own user data header, which goes as given
		 * with UDHI set; no concatenation is added.
		 */
		public MoDelivery headerIncluded() {
			this.headerIncluded = true;
			return this;
		}

		/** The data_coding of every part; 8 (UCS2) unless set. */
		public MoDelivery dataCoding(int dataCoding) {
			this.dataCoding = dataCoding;
			return this;
		}

		public MoDelivery concatenation(Concatenation concatenation) {
			this.concatenation = Objects.requireNonNull(concatenation, "concatenation");
			return this;
		}

		/** The concatenation reference; one the simulator picks unless set. */
		public MoDelivery reference(int reference) {
			this.reference = reference;
			return this;
		}

		/** Over a bound receiver or transceiver of this system id. */
		public MoDelivery via(String systemId) {
			this.systemId = Objects.requireNonNull(systemId, "systemId");
			return this;
		}

		/**
		 * Delivers every part once, in order.
		 * @return the deliver_sm_resp status of each
		 */
		public List<Integer> send() {
			int[] all = new int[this.bodies.size()];
			Arrays.setAll(all, (i) -> i + 1);
			return send(all);
		}

		/**
		 * Delivers the parts of these sequence numbers (from 1), in this order; a number
		 * may repeat.
		 * @return the deliver_sm_resp status of each
		 */
		public List<Integer> send(int... sequences) {
			if (this.bodies.isEmpty()) {
				throw new IllegalStateException("no parts to deliver");
			}
			SMPPServerSession target = receiver(this.systemId);
			int total = this.bodies.size();
			int ref = (this.reference != null) ? this.reference
					: SmscSimulator.this.nextDeliverReference.getAndIncrement()
							& ((this.concatenation == Concatenation.UDH_8BIT) ? 0xFF : 0xFFFF);
			List<Integer> statuses = new ArrayList<>(sequences.length);
			for (int sequence : sequences) {
				statuses.add(sendPart(target, ref, total, sequence));
			}
			logger.info("SMSC simulator: SMS from {} to {} delivered (parts {} of {}), answered {}",
					Mobile.mask(this.from), this.to, Arrays.toString(sequences), total, statuses);
			return statuses;
		}

		private int sendPart(SMPPServerSession target, int ref, int total, int sequence) {
			byte[] body = this.bodies.get(sequence - 1);
			DataCoding coding = DataCodings.newInstance((byte) this.dataCoding);
			if (this.headerIncluded) {
				return deliverPdu(target, this.from, this.to,
						new ESMClass(MessageMode.DEFAULT, MessageType.DEFAULT, GSMSpecificFeature.UDHI), coding, body);
			}
			if (total == 1) {
				return deliverPdu(target, this.from, this.to, new ESMClass(), coding, body);
			}
			return switch (this.concatenation) {
				case UDH_8BIT -> deliverPdu(target, this.from, this.to,
						new ESMClass(MessageMode.DEFAULT, MessageType.DEFAULT, GSMSpecificFeature.UDHI), coding,
						withHeader(body, new byte[] { 0x00, 0x03, (byte) ref, (byte) total, (byte) sequence }));
				case UDH_16BIT -> deliverPdu(target, this.from, this.to,
						new ESMClass(MessageMode.DEFAULT, MessageType.DEFAULT, GSMSpecificFeature.UDHI), coding,
						withHeader(body, new byte[] { 0x08, 0x04, (byte) (ref >>> 8), (byte) ref, (byte) total,
								(byte) sequence }));
				case SAR -> deliverPdu(target, this.from, this.to, new ESMClass(), coding, body,
						OptionalParameters.newSarMsgRefNum((short) ref), OptionalParameters.newSarTotalSegments(total),
						OptionalParameters.newSarSegmentSeqnum(sequence));
			};
		}

	}

	private final class Receiver implements ServerMessageReceiverListener {

		@Override
		public SubmitSmResult onAcceptSubmitSm(SubmitSm submitSm, SMPPServerSession source)
				throws ProcessRequestException {
			return accept(submitSm, SmscSimulator.this.sessions.getOrDefault(source, ""));
		}

		@Override
		public SubmitMultiResult onAcceptSubmitMulti(SubmitMulti submitMulti, SMPPServerSession source)
				throws ProcessRequestException {
			throw unsupported("submit_multi");
		}

		@Override
		public QuerySmResult onAcceptQuerySm(QuerySm querySm, SMPPServerSession source) throws ProcessRequestException {
			throw unsupported("query_sm");
		}

		@Override
		public void onAcceptReplaceSm(ReplaceSm replaceSm, SMPPServerSession source) throws ProcessRequestException {
			throw unsupported("replace_sm");
		}

		@Override
		public void onAcceptCancelSm(CancelSm cancelSm, SMPPServerSession source) throws ProcessRequestException {
			throw unsupported("cancel_sm");
		}

		@Override
		public BroadcastSmResult onAcceptBroadcastSm(BroadcastSm broadcastSm, SMPPServerSession source)
				throws ProcessRequestException {
			throw unsupported("broadcast_sm");
		}

		@Override
		public void onAcceptCancelBroadcastSm(CancelBroadcastSm cancelBroadcastSm, SMPPServerSession source)
				throws ProcessRequestException {
			throw unsupported("cancel_broadcast_sm");
		}

		@Override
		public QueryBroadcastSmResult onAcceptQueryBroadcastSm(QueryBroadcastSm queryBroadcastSm,
				SMPPServerSession source) throws ProcessRequestException {
			throw unsupported("query_broadcast_sm");
		}

		@Override
		public DataSmResult onAcceptDataSm(DataSm dataSm, Session source) throws ProcessRequestException {
			throw unsupported("data_sm");
		}

		private ProcessRequestException unsupported(String command) {
			return new ProcessRequestException(command + " is not supported by the simulator",
					SMPPConstant.STAT_ESME_RINVCMDID);
		}

	}

	/**
	 * Carries out a drop planned for after an answer, and notes answers that were lost.
	 */
	private final class Answers implements ServerResponseDeliveryListener {

		@Override
		public void onSubmitSmRespSent(SubmitSmResult result, SMPPServerSession source) {
			String messageId = result.getMessageId();
			if (messageId != null && messageId.equals(SmscSimulator.this.dropAfterAnswerOf)) {
				SmscSimulator.this.dropAfterAnswerOf = null;
				logger.info("SMSC simulator: answered message {} and drops the sessions", messageId);
				dropSessions();
			}
		}

		@Override
		public void onSubmitSmRespError(SubmitSmResult result, Exception cause, SMPPServerSession source) {
			SubmittedPart part = SmscSimulator.this.partsById.get(result.getMessageId());
			if (part != null) {
				SmscSimulator.this.unanswered.add(part);
			}
			logger.info("SMSC simulator: message {} was taken but its submit_sm_resp was lost: {}",
					result.getMessageId(), cause.getMessage());
		}

		@Override
		public void onSubmitMultiRespSent(SubmitMultiResult result, SMPPServerSession source) {
		}

		@Override
		public void onSubmitMultiRespError(SubmitMultiResult result, Exception cause, SMPPServerSession source) {
		}

	}

	/**
	 * @param source the short code it came from
	 * @param destination the resident it went to
	 * @param systemId the bind it came over
	 * @param at when it was taken
	 */
	private record Issued(String source, String destination, String systemId, Instant at) {
	}

	/**
	 * Parts of one message share their sender, recipient, reference and total; the
	 * reference's width is not part of the key, as the gateway keys residents' parts.
	 */
	private record PartKey(String source, String destination, int reference, int total) {
	}

	private static final class Fragments {

		private final String[] texts;

		private final int dataCoding;

		Fragments(int total, int dataCoding) {
			this.texts = new String[total];
			this.dataCoding = dataCoding;
		}

		boolean isComplete() {
			for (String text : this.texts) {
				if (text == null) {
					return false;
				}
			}
			return true;
		}

	}

}
