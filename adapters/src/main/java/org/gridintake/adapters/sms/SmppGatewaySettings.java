package org.gridintake.adapters.sms;

import java.time.ZoneId;
import java.util.List;
import java.util.Objects;

/**
 * The SMPP binds of the SMS channel and what holds for all of them.
 *
 * @param binds every bind, in the order sends take turns; at least one must be able to
 * transmit. Separate receiver and transmitter binds, transceivers, and several of each
 * are all fine.
 * @param windowSize how many submit_sm may await their response on one bind at once
 * @param maxSubmitsPerSecondPerBind submit_sm PDUs (one per part) per second and bind;
 * {@link Double#POSITIVE_INFINITY} for no limit
 * @param maxDeliveriesInProgress how many deliver_sm, over all binds, may be with the
 * handler at once; more are answered ESME_RTHROTTLED
 * @param smscZone the zone of the SMSC's clock, in which receipts write their dates
 */
public record SmppGatewaySettings(List<SmppSettings> binds, int windowSize, double maxSubmitsPerSecondPerBind,
		int maxDeliveriesInProgress, ZoneId smscZone) {

	public static final int DEFAULT_MAX_DELIVERIES_IN_PROGRESS = 64;

	/** Mainland carriers' SMSCs keep Beijing time. */
	public static final ZoneId DEFAULT_SMSC_ZONE = ZoneId.of("Asia/Shanghai");

	public SmppGatewaySettings {
		Objects.requireNonNull(binds, "binds");
		binds = List.copyOf(binds);
		if (binds.isEmpty()) {
			throw new IllegalArgumentException("binds must name at least one bind");
		}
		if (binds.stream().noneMatch((bind) -> bind.bindMode().canTransmit())) {
			throw new IllegalArgumentException("binds must include a transmitter or transceiver");
		}
		if (windowSize < 1) {
			throw new IllegalArgumentException("windowSize must be at least 1, is " + windowSize);
		}
		if (!(maxSubmitsPerSecondPerBind > 0)) {
			throw new IllegalArgumentException(
					"maxSubmitsPerSecondPerBind must be positive, is " + maxSubmitsPerSecondPerBind);
		}
		if (maxDeliveriesInProgress < 1) {
			throw new IllegalArgumentException(
					"maxDeliveriesInProgress must be at least 1, is " + maxDeliveriesInProgress);
		}
		Objects.requireNonNull(smscZone, "smscZone");
	}

	/**
	 * With {@value #DEFAULT_MAX_DELIVERIES_IN_PROGRESS} deliveries in progress at most
	 * and the SMSC on {@link #DEFAULT_SMSC_ZONE Beijing time}.
	 */
	public SmppGatewaySettings(List<SmppSettings> binds, int windowSize, double maxSubmitsPerSecondPerBind) {
		this(binds, windowSize, maxSubmitsPerSecondPerBind, DEFAULT_MAX_DELIVERIES_IN_PROGRESS, DEFAULT_SMSC_ZONE);
	}

}
