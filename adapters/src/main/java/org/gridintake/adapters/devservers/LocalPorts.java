package org.gridintake.adapters.devservers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;

/**
 * Ports on 127.0.0.1, the only address the embedded servers listen on.
 */
final class LocalPorts {

	static final String HOST = "127.0.0.1";

	private static final InetAddress LOOPBACK = loopback();

	private LocalPorts() {
	}

	static InetAddress loopback() {
		try {
			return InetAddress.getByAddress(HOST, new byte[] { 127, 0, 0, 1 });
		}
		catch (UnknownHostException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static int free() {
		try (ServerSocket socket = new ServerSocket(0, 1, LOOPBACK)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("No free port on " + HOST, ex);
		}
	}

	static int checkRange(int port) {
		if (port < 0 || port > 65535) {
			throw new IllegalArgumentException("Port must be 0 (any free port) or 1-65535, not " + port);
		}
		return port;
	}

	/**
	 * Fails clearly, before any work is done, when something already listens where the
	 * server is to listen: the server's own error would otherwise surface as a log line
	 * behind a generic start failure.
	 */
	static void requireFree(int port, String server) {
		try (ServerSocket socket = new ServerSocket()) {
			// The server sets SO_REUSEADDR too, so connections of its previous run in
			// TIME_WAIT do not count as "in use".
			socket.setReuseAddress(true);
			socket.bind(new InetSocketAddress(LOOPBACK, port), 1);
		}
		catch (IOException ex) {
			throw new IllegalStateException(server + " cannot listen on " + HOST + ":" + port
					+ ": the port is already in use (is another " + server + " server running there?)", ex);
		}
	}

}
