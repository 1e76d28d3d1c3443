package org.gridintake.adapters.sms.simulator;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.jsmpp.PDUStringException;
import org.jsmpp.SMPPConstant;
import org.jsmpp.bean.Alphabet;
import org.jsmpp.bean.BroadcastSm;
import org.jsmpp.bean.CancelBroadcastSm;
import org.jsmpp.bean.CancelSm;
import org.jsmpp.bean.DataSm;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.GSMSpecificFeature;
import org.jsmpp.bean.GeneralDataCoding;
import org.jsmpp.bean.MessageMode;
import org.jsmpp.bean.MessageType;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.bean.QueryBroadcastSm;
import org.jsmpp.bean.QuerySm;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.ReplaceSm;
import org.jsmpp.bean.SubmitMulti;
import org.jsmpp.bean.SubmitSm;
import org.jsmpp.bean.TypeOfNumber;
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
import org.jsmpp.session.Session;
import org.jsmpp.session.SubmitMultiResult;
import org.jsmpp.session.SubmitSmResult;
import org.jsmpp.util.MessageId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small SMSC on the loopback interface, for the gateway's embedded run mode and for
 * tests: a real SMPP server (jSMPP) that accepts any bind, takes every submit_sm, decodes
 * it, rejoins concatenated parts and keeps the complete messages.
 */
public class SmscSimulator implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(SmscSimulator.class);

	private static final long BIND_TIMEOUT_MILLIS = 5_000;

	private static final String SYSTEM_ID = "gridsmsc";

	private static final int UCS2_SINGLE_UNITS = 70;

	private static final int UCS2_PART_UNITS = 67;

	private final LoopbackServerConnectionFactory connections = new LoopbackServerConnectionFactory();

	private final SMPPServerSessionListener listener;

	private final ExecutorService workers;

	private final Set<SMPPServerSession> sessions = ConcurrentHashMap.newKeySet();

	private final List<ReceivedSms> received = new CopyOnWriteArrayList<>();

	private final AtomicInteger submits = new AtomicInteger();

	private final AtomicLong nextMessageId = new AtomicLong(ThreadLocalRandom.current().nextLong(1L << 32));

	private final AtomicInteger nextDeliverReference = new AtomicInteger();

	private volatile int rejectStatus = SMPPConstant.STAT_ESME_ROK;

	/** Parts of concatenated messages still waiting for the rest; guarded by itself. */
	private final Map<PartKey, Fragments> incomplete = new HashMap<>();

	private volatile boolean closed;

	private SmscSimulator(int port) throws IOException {
		this.listener = new SMPPServerSessionListener(port, this.connections);
		this.listener.setMessageReceiverListener(new Receiver());
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
	 * Starts listening on the loopback interface.
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

	/** How many submit_sm PDUs arrived (one per part). */
	public int submitCount() {
		return this.submits.get();
	}

	/** Forgets received messages, pending parts and the PDU count. */
	public void clear() {
		synchronized (this.incomplete) {
			this.incomplete.clear();
			this.received.clear();
			this.submits.set(0);
		}
	}

	/**
	 * Answers every following submit_sm with this command_status instead of taking it, as
	 * a throttling or refusing SMSC would; {@code 0} (ESME_ROK) takes them again.
	 */
	public void rejectSubmits(int commandStatus) {
		this.rejectStatus = commandStatus;
	}

	/** Closes every bound session without an unbind, as a network failure would. */
	public void dropSessions() {
		List<SMPPServerSession> current = new ArrayList<>(this.sessions);
		for (SMPPServerSession session : current) {
			this.sessions.remove(session);
			session.close();
		}
		logger.info("SMSC simulator: dropped {} session(s)", current.size());
	}

	/**
	 * Sends a mobile-originated text (UCS2) to a bound receiver or transceiver; a text
	 * longer than one SMS goes as concatenated parts.
	 * @throws IllegalStateException when no receiver or transceiver is bound, or the
	 * deliver_sm fails
	 */
	public void deliver(String from, String to, String text) {
		SMPPServerSession target = this.sessions.stream()
			.filter((session) -> session.getSessionState().isReceivable())
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("no receiver or transceiver is bound"));
		List<String> segments = ucs2Segments(text);
		int reference = this.nextDeliverReference.getAndIncrement() & 0xFF;
		try {
			for (int i = 0; i < segments.size(); i++) {
				byte[] body = segments.get(i).getBytes(StandardCharsets.UTF_16BE);
				boolean concatenated = segments.size() > 1;
				byte[] payload = concatenated ? withHeader(body, reference, segments.size(), i + 1) : body;
				ESMClass esmClass = concatenated
						? new ESMClass(MessageMode.DEFAULT, MessageType.DEFAULT, GSMSpecificFeature.UDHI)
						: new ESMClass();
				target.deliverShortMessage(null, TypeOfNumber.UNKNOWN, NumberingPlanIndicator.ISDN, from,
						TypeOfNumber.UNKNOWN, NumberingPlanIndicator.ISDN, to, esmClass, (byte) 0, (byte) 0,
						new RegisteredDelivery(0), new GeneralDataCoding(Alphabet.ALPHA_UCS2), payload);
			}
		}
		catch (Exception ex) {
			throw new IllegalStateException("deliver_sm to the bound ESME failed: " + ex.getMessage(), ex);
		}
		logger.info("SMSC simulator: SMS from {} to {} delivered ({} parts): {}", mask(from), to, segments.size(),
				text);
	}

	@Override
	public void close() {
		if (this.closed) {
			return;
		}
		this.closed = true;
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
			this.sessions.add(session);
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

	private SubmitSmResult accept(SubmitSm submitSm) throws ProcessRequestException {
		this.submits.incrementAndGet();
		int status = this.rejectStatus;
		if (status != SMPPConstant.STAT_ESME_ROK) {
			throw new ProcessRequestException("rejected as asked", status);
		}
		byte[] shortMessage = (submitSm.getShortMessage() != null) ? submitSm.getShortMessage() : new byte[0];
		int dataCoding = submitSm.getDataCoding() & 0xFF;
		checkDataCoding(dataCoding);
		// the UDHI bit alone; jSMPP's isUdhi() wants the whole GSM feature field to match
		boolean udhi = (submitSm.getEsmClass() & 0x40) != 0;
		Unpacked unpacked = udhi ? Unpacked.withHeader(shortMessage) : new Unpacked(shortMessage, null);
		MessageId messageId = newMessageId();
		Concatenation concatenation = unpacked.concatenation();
		if (concatenation == null) {
			record(submitSm.getSourceAddr(), submitSm.getDestAddress(), decode(dataCoding, unpacked.body()), 1,
					dataCoding);
		}
		else {
			addPart(submitSm, dataCoding, concatenation, unpacked.body());
		}
		return new SubmitSmResult(messageId, new OptionalParameter[0]);
	}

	private void addPart(SubmitSm submitSm, int dataCoding, Concatenation concatenation, byte[] body) {
		PartKey key = new PartKey(submitSm.getSourceAddr(), submitSm.getDestAddress(), concatenation.referenceBits(),
				concatenation.reference(), concatenation.total());
		Fragments complete = null;
		synchronized (this.incomplete) {
			Fragments fragments = this.incomplete.computeIfAbsent(key,
					(k) -> new Fragments(concatenation.total(), dataCoding));
			fragments.bodies[concatenation.sequence() - 1] = body;
			if (fragments.isComplete()) {
				this.incomplete.remove(key);
				complete = fragments;
			}
		}
		if (complete != null) {
			record(key.source(), key.destination(), decode(complete.dataCoding, complete.joined()), key.total(),
					complete.dataCoding);
		}
	}

	private void record(String source, String destination, String text, int parts, int dataCoding) {
		this.received.add(new ReceivedSms(source, destination, text, parts, dataCoding, Instant.now()));
		logger.info("SMSC simulator: SMS to {} ({} parts): {}", mask(destination), parts, text);
	}

	private MessageId newMessageId() throws ProcessRequestException {
		try {
			return new MessageId(Long.toHexString(this.nextMessageId.getAndIncrement()));
		}
		catch (PDUStringException ex) {
			throw new ProcessRequestException("cannot make a message id", SMPPConstant.STAT_ESME_RSYSERR, ex);
		}
	}

	private static void checkDataCoding(int dataCoding) throws ProcessRequestException {
		switch (dataCoding) {
			case 0, 1, 2, 3, 4, 8 -> {
			}
			default -> throw new ProcessRequestException("data_coding " + dataCoding + " is not supported",
					SMPPConstant.STAT_ESME_RINVDCS);
		}
	}

	private static String decode(int dataCoding, byte[] body) {
		return switch (dataCoding) {
			case 0 -> Gsm7Decoder.decode(body);
			case 1 -> new String(body, StandardCharsets.US_ASCII);
			case 8 -> new String(body, StandardCharsets.UTF_16BE);
			default -> new String(body, StandardCharsets.ISO_8859_1);
		};
	}

	private static List<String> ucs2Segments(String text) {
		if (text.length() <= UCS2_SINGLE_UNITS) {
			return List.of(text);
		}
		List<String> segments = new ArrayList<>();
		int start = 0;
		while (start < text.length()) {
			int end = Math.min(start + UCS2_PART_UNITS, text.length());
			if (end < text.length() && Character.isHighSurrogate(text.charAt(end - 1))) {
				end--;
			}
			segments.add(text.substring(start, end));
			start = end;
		}
		return segments;
	}

	private static byte[] withHeader(byte[] body, int reference, int total, int sequence) {
		ByteArrayOutputStream payload = new ByteArrayOutputStream(6 + body.length);
		payload.write(0x05);
		payload.write(0x00);
		payload.write(0x03);
		payload.write(reference);
		payload.write(total);
		payload.write(sequence);
		payload.writeBytes(body);
		return payload.toByteArray();
	}

	/** {@code 138****5678}; anything too short to keep both ends shows as stars. */
	static String mask(String number) {
		if (number == null || number.length() < 7) {
			return "****";
		}
		return number.substring(0, 3) + "****" + number.substring(number.length() - 4);
	}

	private static String maskPassword(String password) {
		return (password == null || password.isEmpty()) ? "empty" : "****";
	}

	private final class Receiver implements ServerMessageReceiverListener {

		@Override
		public SubmitSmResult onAcceptSubmitSm(SubmitSm submitSm, SMPPServerSession source)
				throws ProcessRequestException {
			return accept(submitSm);
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

	/** The concatenation element of a user data header. */
	private record Concatenation(int referenceBits, int reference, int total, int sequence) {
	}

	/**
	 * A short_message split into its user data header's concatenation element (if any)
	 * and its text.
	 */
	private record Unpacked(byte[] body, Concatenation concatenation) {

		static Unpacked withHeader(byte[] shortMessage) throws ProcessRequestException {
			if (shortMessage.length == 0 || 1 + (shortMessage[0] & 0xFF) > shortMessage.length) {
				throw new ProcessRequestException("UDHI set but the user data header is missing or too long",
						SMPPConstant.STAT_ESME_RINVMSGLEN);
			}
			int headerEnd = 1 + (shortMessage[0] & 0xFF);
			Concatenation concatenation = null;
			int i = 1;
			while (i + 1 < headerEnd) {
				int element = shortMessage[i] & 0xFF;
				int length = shortMessage[i + 1] & 0xFF;
				if (i + 2 + length > headerEnd) {
					throw new ProcessRequestException("user data header element overruns the header",
							SMPPConstant.STAT_ESME_RINVMSGLEN);
				}
				if (element == 0x00 && length == 3) {
					concatenation = concatenation(8, shortMessage[i + 2] & 0xFF, shortMessage[i + 3] & 0xFF,
							shortMessage[i + 4] & 0xFF);
				}
				else if (element == 0x08 && length == 4) {
					int reference = ((shortMessage[i + 2] & 0xFF) << 8) | (shortMessage[i + 3] & 0xFF);
					concatenation = concatenation(16, reference, shortMessage[i + 4] & 0xFF,
							shortMessage[i + 5] & 0xFF);
				}
				i += 2 + length;
			}
			byte[] body = new byte[shortMessage.length - headerEnd];
			System.arraycopy(shortMessage, headerEnd, body, 0, body.length);
			return new Unpacked(body, concatenation);
		}

		/**
		 * A "concatenation" of one part, or a part number out of range, is taken as a
		 * whole message.
		 */
		private static Concatenation concatenation(int bits, int reference, int total, int sequence) {
			if (total < 2 || sequence < 1 || sequence > total) {
				return null;
			}
			return new Concatenation(bits, reference, total, sequence);
		}

	}

	private record PartKey(String source, String destination, int referenceBits, int reference, int total) {
	}

	private static final class Fragments {

		private final byte[][] bodies;

		private final int dataCoding;

		Fragments(int total, int dataCoding) {
			this.bodies = new byte[total][];
			this.dataCoding = dataCoding;
		}

		boolean isComplete() {
			for (byte[] body : this.bodies) {
				if (body == null) {
					return false;
				}
			}
			return true;
		}

		/** Joined before decoding, so a character split across two parts survives. */
		byte[] joined() {
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			for (byte[] body : this.bodies) {
				out.writeBytes(body);
			}
			return out.toByteArray();
		}

	}

}
