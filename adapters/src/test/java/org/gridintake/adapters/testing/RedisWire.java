package org.gridintake.adapters.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * One-line Redis commands over a plain socket: enough for housekeeping, without the cost
 * of a client's event loops.
 */
final class RedisWire {

	private RedisWire() {
	}

	/** Sends an inline command and returns the first line of the reply. */
	static String send(String host, int port, String command) throws IOException {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(host, port), 1000);
			socket.setSoTimeout(10_000);
			OutputStream out = socket.getOutputStream();
			out.write((command + "\r\n").getBytes(StandardCharsets.UTF_8));
			out.flush();
			BufferedReader in = new BufferedReader(
					new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
			String reply = in.readLine();
			if (reply == null) {
				throw new IOException("Redis at " + host + ":" + port + " closed the connection");
			}
			return reply;
		}
	}

	static boolean answersPing(String host, int port) {
		try {
			return "+PONG".equals(send(host, port, "PING"));
		}
		catch (IOException ex) {
			return false;
		}
	}

	static void flushAll(String host, int port) {
		try {
			String reply = send(host, port, "FLUSHALL");
			if (!"+OK".equals(reply)) {
				throw new IllegalStateException("FLUSHALL answered " + reply);
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not flush Redis at " + host + ":" + port, ex);
		}
	}

}
