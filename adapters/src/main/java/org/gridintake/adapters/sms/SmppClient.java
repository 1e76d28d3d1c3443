package org.gridintake.adapters.sms;

import org.gridintake.routes.notify.SmsSender;

/**
 * An {@link SmsSender} that keeps an SMPP bind to the carrier's SMSC: it binds in the
 * background, keeps the link alive with enquire_link and binds again after the link is
 * lost. {@link #isReady()} is true only while bound.
 */
public interface SmppClient extends SmsSender, AutoCloseable {

	/** Unbinds and stops reconnecting; sends after this return RetryLater. */
	@Override
	void close();

}
