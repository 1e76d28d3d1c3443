package org.gridintake.adapters.sms;

import java.util.List;

import org.gridintake.routes.sms.SmsGateway;

/**
 * The SMS channel over one or more SMPP binds to the carrier's SMSC. Each bind binds in
 * the background, keeps its link alive with enquire_link and binds again after the link
 * is lost. Texts go out over the binds that can transmit and are bound, in turn; every
 * bind that can receive hands its deliveries to the {@link #receiveWith handler} and
 * acknowledges them only as the handler answers.
 */
public interface SmppGateway extends SmsGateway, AutoCloseable {

	/** True while at least one bind that can transmit is bound. */
	@Override
	boolean isReady();

	/** Every configured bind, in the order configured, and whether it is bound now. */
	List<Link> links();

	/**
	 * Unbinds every bind and stops reconnecting; sends after this return RetryLater.
	 */
	@Override
	void close();

	/**
	 * One bind as health checks and operators see it.
	 *
	 * @param name the stable name the bind's deliveries carry as their link
	 * @param mode what the bind may do
	 * @param bound whether it is bound now
	 */
	record Link(String name, SmppSettings.BindMode mode, boolean bound) {

	}

}
