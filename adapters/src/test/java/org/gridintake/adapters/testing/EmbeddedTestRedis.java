package org.gridintake.adapters.testing;

import org.gridintake.adapters.devservers.EmbeddedRedis;

/**
 * The embedded Redis as a test server, on a free port.
 */
final class EmbeddedTestRedis implements TestRedis {

	private static final String HOST = "127.0.0.1";

	private final EmbeddedRedis server;

	private EmbeddedTestRedis(EmbeddedRedis server) {
		this.server = server;
	}

	static EmbeddedTestRedis launch() {
		return new EmbeddedTestRedis(EmbeddedRedis.start(0));
	}

	@Override
	public String uri() {
		return this.server.uri();
	}

	@Override
	public void stop() {
		this.server.stop();
	}

	@Override
	public void start() {
		if (!this.server.isRunning()) {
			this.server.restart();
		}
	}

	@Override
	public void flushAll() {
		RedisWire.flushAll(HOST, this.server.port());
	}

}
