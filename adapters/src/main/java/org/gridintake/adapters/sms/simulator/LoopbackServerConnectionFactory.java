package org.gridintake.adapters.sms.simulator;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

import org.jsmpp.session.connection.ServerConnection;
import org.jsmpp.session.connection.ServerConnectionFactory;
import org.jsmpp.session.connection.socket.ServerSocketConnection;

/**
 * Listens on the loopback interface only, and keeps the socket so that the port picked
 * for port 0 can be read back (jSMPP's listener reports the port it was asked for).
 */
final class LoopbackServerConnectionFactory implements ServerConnectionFactory {

	private static final int BACKLOG = 50;

	private volatile ServerSocket serverSocket;

	@Override
	public ServerConnection listen(int port) throws IOException {
		return listen(port, 0, BACKLOG);
	}

	@Override
	public ServerConnection listen(int port, int timeout) throws IOException {
		return listen(port, timeout, BACKLOG);
	}

	@Override
	public ServerConnection listen(int port, int timeout, int backlog) throws IOException {
		ServerSocket socket = new ServerSocket();
		try {
			// a simulator restarted on the same port must not wait out TIME_WAIT
			socket.setReuseAddress(true);
			socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), backlog);
			socket.setSoTimeout(timeout);
		}
		catch (IOException ex) {
			socket.close();
			throw ex;
		}
		this.serverSocket = socket;
		return new ServerSocketConnection(socket);
	}

	int localPort() {
		return this.serverSocket.getLocalPort();
	}

	String host() {
		return this.serverSocket.getInetAddress().getHostAddress();
	}

}
