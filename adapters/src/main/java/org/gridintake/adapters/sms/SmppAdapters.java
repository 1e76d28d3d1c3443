package org.gridintake.adapters.sms;

import java.time.Clock;
import java.util.List;

/** Builds the SMPP edge. */
public final class SmppAdapters {

	private SmppAdapters() {
	}

	/**
	 * The SMS channel over the given binds. It starts binding in the background and
	 * returns at once; while no transmitting bind is up, sends return RetryLater, and
	 * deliveries that arrive before {@link SmppGateway#receiveWith} was called are
	 * answered ESME_RX_T_APPN so that the SMSC delivers them again.
	 */
	public static SmppGateway smsGateway(SmppGatewaySettings settings) {
		JsmppGateway gateway = new JsmppGateway(settings, Clock.systemUTC());
		gateway.start();
		return gateway;
	}

	/**
	 * {@link #smsGateway(SmppGatewaySettings)} with the defaults of
	 * {@link SmppGatewaySettings#SmppGatewaySettings(List, int, double)}.
	 */
	public static SmppGateway smsGateway(List<SmppSettings> binds, int windowSize, double maxSubmitsPerSecondPerBind) {
		return smsGateway(new SmppGatewaySettings(binds, windowSize, maxSubmitsPerSecondPerBind));
	}

}
