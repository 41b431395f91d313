package dev.zmqkeepalive.socket;

import org.zeromq.ZMQ;

/**
 * Callback for options the properties do not cover (CURVE keys, ZAP domain, buffer
 * sizes...). Every {@code ZmqSocketCustomizer} bean is applied to each managed socket
 * after the starter's own options and before it binds or connects, on the thread that
 * creates it.
 *
 * @author zmq-keepalive
 */
@FunctionalInterface
public interface ZmqSocketCustomizer {

	/**
	 * Customize a socket before it binds or connects.
	 * @param settings the socket's effective settings (its name among them)
	 * @param socket the JeroMQ socket
	 */
	void customize(SocketSettings settings, ZMQ.Socket socket);

}
