package org.gridintake.adapters.sms;

/** Builds the SMPP edge. */
public final class SmppAdapters {

	private SmppAdapters() {
	}

	/**
	 * A client that starts binding in the background and returns at once; while the SMSC
	 * cannot be reached it keeps trying with growing waits, and sends return RetryLater.
	 */
	public static SmppClient smppClient(SmppSettings settings) {
		JsmppClient client = new JsmppClient(settings);
		client.start();
		return client;
	}

}
