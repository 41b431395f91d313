package dev.zmqkeepalive.socket;

import java.nio.channels.SelectableChannel;

/**
 * Which monitor events the JeroMQ on the class path emits. The patched build
 * (zmq-keepalive-jeromq, patch 0002) emits {@code HANDSHAKE_SUCCEEDED} with the
 * connection's channel once the security mechanism is done, and says why a protocol
 * error ended a connection; stock JeroMQ 0.6.0 does neither, and the starter then falls
 * back to crediting the end of the ZMTP greeting to the oldest pending connection.
 *
 * @author zmq-keepalive
 */
final class JeromqEvents {

	static final boolean HANDSHAKE_SUCCEEDED_EMITTED = hasHandshakeSucceededWithChannel();

	private JeromqEvents() {
	}

	private static boolean hasHandshakeSucceededWithChannel() {
		try {
			zmq.SocketBase.class.getMethod("eventHandshakeSucceeded", String.class, SelectableChannel.class);
			return true;
		}
		catch (NoSuchMethodException ex) {
			return false;
		}
	}

}
