package dev.zmqkeepalive.socket;

import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;
import org.zeromq.ZMQException;

import dev.zmqkeepalive.event.ZmqSocketEventDispatcher;
import dev.zmqkeepalive.event.ZmqSocketEventKind;
import zmq.ZError;

/**
 * Opens a JeroMQ socket ready for traffic: creates it, applies every option and the
 * customizers, hooks up the monitor, then binds and connects its endpoints, in that
 * order (JeroMQ copies options such as heartbeats into each connection when it is made).
 * A failure closes the socket again and says which endpoint failed and why, except a
 * connect endpoint whose host does not resolve, which is left to {@link UnresolvedConnects}.
 *
 * @author zmq-keepalive
 */
final class SocketOpener {

	private static final Log logger = LogFactory.getLog(SocketOpener.class);

	private SocketOpener() {
	}

	/**
	 * Open a socket.
	 * @param context the context to create it in
	 * @param settings effective settings
	 * @param customizers applied after the starter's options, before bind/connect
	 * @param events where monitor events go
	 * @param state the socket's live state, kept across reopening
	 * @return the opened socket with its monitor
	 * @throws ZmqBindException if an endpoint cannot be bound or connected
	 */
	static Opened open(ZContext context, SocketSettings settings, List<ZmqSocketCustomizer> customizers,
			ZmqSocketEventDispatcher events, SocketState state) {
		ZMQ.Socket socket = context.createSocket(settings.type().jeromqType());
		try {
			SocketOptions.apply(settings, socket);
			for (ZmqSocketCustomizer customizer : customizers) {
				customizer.customize(settings, socket);
			}
			AppliedOptions applied = AppliedOptions.readFrom(socket);
			SocketMonitor monitor = new SocketMonitor(settings.name(), state, events);
			socket.base().setEventHook(monitor, ZmqSocketEventKind.monitorMask());
			attachEndpoints(settings, socket, state);
			return new Opened(socket, monitor, applied);
		}
		catch (RuntimeException ex) {
			closeQuietly(socket);
			throw ex;
		}
	}

	private static void attachEndpoints(SocketSettings settings, ZMQ.Socket socket, SocketState state) {
		List<String> bind = settings.bind();
		for (int i = 0; i < bind.size(); i++) {
			try {
				socket.bind(bind.get(i));
			}
			catch (RuntimeException ex) {
				throw new ZmqBindException(settings.name(), ZmqBindException.Role.BIND, i, bind.get(i), reason(ex), ex);
			}
			state.endpointBound(socket.getLastEndpoint());
		}
		List<String> connect = settings.connect();
		for (int i = 0; i < connect.size(); i++) {
			try {
				socket.connect(connect.get(i));
			}
			catch (RuntimeException ex) {
				if (UnresolvedConnects.isUnresolvedHost(ex)) {
					// A DNS outage must not stop the application: tried again once started.
					state.hostUnresolved(connect.get(i));
					logger.warn("Socket '" + settings.name() + "': host '" + UnresolvedConnects.host(connect.get(i))
							+ "' of connect endpoint " + connect.get(i) + " does not resolve ("
							+ ex.getMessage() + "); starting without it and looking it up again with the reconnect "
							+ "back-off (" + Durations.format(settings.reconnect().interval()) + " up to "
							+ Durations.format(settings.reconnect().maxInterval()) + ")");
					continue;
				}
				throw new ZmqBindException(settings.name(), ZmqBindException.Role.CONNECT, i, connect.get(i),
						reason(ex), ex);
			}
		}
	}

	private static String reason(RuntimeException ex) {
		if (ex instanceof ZMQException zmq) {
			int code = zmq.getErrorCode();
			if (code == ZError.EADDRINUSE) {
				return "address already in use";
			}
			if (code == ZError.EADDRNOTAVAIL) {
				return "address not available on this host";
			}
			return ZError.toString(code);
		}
		return String.valueOf(ex.getMessage());
	}

	private static void closeQuietly(ZMQ.Socket socket) {
		try {
			socket.setLinger(0);
			socket.close();
		}
		catch (RuntimeException ex) {
			// Already failing; the original exception is what matters.
		}
	}

	/**
	 * An opened socket with what watches it.
	 *
	 * @param socket the JeroMQ socket, bound and connected
	 * @param monitor its event hook
	 * @param appliedOptions the options read back after configuring it
	 */
	record Opened(ZMQ.Socket socket, SocketMonitor monitor, AppliedOptions appliedOptions) {
	}

}
