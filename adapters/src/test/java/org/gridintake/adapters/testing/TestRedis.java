package org.gridintake.adapters.testing;

/**
 * The Redis server shared by the tests of one JVM; see {@link TestServers#redis()}.
 */
public interface TestRedis {

	/** {@code redis://HOST:PORT}. */
	String uri();

	/**
	 * Stops the server, for tests of behaviour while Redis is down. Connections are
	 * refused until {@link #start()}; the keys are lost, as nothing is persisted.
	 */
	void stop();

	/** Starts the server again at the same address, empty. */
	void start();

	/** Deletes every key. */
	void flushAll();

}
