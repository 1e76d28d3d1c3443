package org.gridintake.adapters.sms;

import java.time.Duration;
import java.util.Objects;

import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.TypeOfNumber;

/**
 * How to reach and bind to the carrier's SMSC.
 *
 * @param host the SMSC host
 * @param port the SMSC port
 * @param systemId the account the carrier gave us
 * @param password its password (at most 8 characters in SMPP 3.4)
 * @param systemType the system_type the carrier asks for; empty when none
 * @param sourceAddress the short code the texts come from, e.g. {@code 12345}
 * @param sourceTon source_addr_ton for the short code
 * @param sourceNpi source_addr_npi for the short code
 * @param bindMode transmitter, receiver, or transceiver when the carrier sends and
 * delivers on one bind
 * @param enquireLinkInterval how long the link may be idle before an enquire_link
 * @param reconnectInitialBackoff the wait before the first reconnect attempt
 * @param reconnectMaxBackoff the longest wait between attempts; the wait doubles up to it
 * @param submitTimeout how long to wait for a bind_resp or submit_sm_resp
 */
public record SmppSettings(String host, int port, String systemId, String password, String systemType,
		String sourceAddress, byte sourceTon, byte sourceNpi, BindMode bindMode, Duration enquireLinkInterval,
		Duration reconnectInitialBackoff, Duration reconnectMaxBackoff, Duration submitTimeout) {

	public SmppSettings {
		requireText(host, "host");
		if (port < 1 || port > 65535) {
			throw new IllegalArgumentException("port must be 1-65535, is " + port);
		}
		requireText(systemId, "systemId");
		if (systemId.length() > 15) {
			throw new IllegalArgumentException("systemId must be at most 15 characters");
		}
		Objects.requireNonNull(password, "password");
		if (password.length() > 8) {
			throw new IllegalArgumentException("password must be at most 8 characters");
		}
		systemType = (systemType != null) ? systemType : "";
		if (systemType.length() > 12) {
			throw new IllegalArgumentException("systemType must be at most 12 characters");
		}
		requireText(sourceAddress, "sourceAddress");
		if (sourceAddress.length() > 20) {
			throw new IllegalArgumentException("sourceAddress must be at most 20 characters");
		}
		requireValid(() -> TypeOfNumber.valueOf(sourceTon), "sourceTon " + sourceTon);
		requireValid(() -> NumberingPlanIndicator.valueOf(sourceNpi), "sourceNpi " + sourceNpi);
		Objects.requireNonNull(bindMode, "bindMode");
		requirePositive(enquireLinkInterval, "enquireLinkInterval");
		requirePositive(reconnectInitialBackoff, "reconnectInitialBackoff");
		requirePositive(reconnectMaxBackoff, "reconnectMaxBackoff");
		if (reconnectMaxBackoff.compareTo(reconnectInitialBackoff) < 0) {
			throw new IllegalArgumentException("reconnectMaxBackoff must not be shorter than reconnectInitialBackoff");
		}
		requirePositive(submitTimeout, "submitTimeout");
		// jSMPP keeps both timers as int milliseconds
		if (enquireLinkInterval.toMillis() > Integer.MAX_VALUE) {
			throw new IllegalArgumentException("enquireLinkInterval is too long");
		}
	}

	@Override
	public String toString() {
		return "SmppSettings[host=" + this.host + ", port=" + this.port + ", systemId=" + this.systemId
				+ ", password=****, systemType=" + this.systemType + ", sourceAddress=" + this.sourceAddress
				+ ", sourceTon=" + this.sourceTon + ", sourceNpi=" + this.sourceNpi + ", bindMode=" + this.bindMode
				+ ", enquireLinkInterval=" + this.enquireLinkInterval + ", reconnectInitialBackoff="
				+ this.reconnectInitialBackoff + ", reconnectMaxBackoff=" + this.reconnectMaxBackoff
				+ ", submitTimeout=" + this.submitTimeout + "]";
	}

	private static void requireText(String value, String name) {
		if (value == null || value.isBlank()) {
			throw new IllegalArgumentException(name + " must not be blank");
		}
	}

	private static void requirePositive(Duration value, String name) {
		Objects.requireNonNull(value, name);
		if (value.isNegative() || value.isZero()) {
			throw new IllegalArgumentException(name + " must be positive, is " + value);
		}
	}

	private static void requireValid(Runnable lookup, String what) {
		try {
			lookup.run();
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException(what + " is not a valid SMPP value", ex);
		}
	}

	/** The bind the gateway asks for. */
	public enum BindMode {

		/** Sends only; receipts, if any, come on another bind. */
		TRANSMITTER,

		/**
		 * Receives only (residents' texts, delivery receipts), for carriers that keep
		 * them apart from sending.
		 */
		RECEIVER,

		/** Sends and receives (delivery receipts, residents' texts) on one bind. */
		TRANSCEIVER;

		public boolean canTransmit() {
			return this != RECEIVER;
		}

		public boolean canReceive() {
			return this != TRANSMITTER;
		}

	}

}
