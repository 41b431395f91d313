package dev.zmqkeepalive.messaging;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The {@link SocketMessaging} of every managed socket, by name.
 *
 * @author zmq-keepalive
 */
public final class SocketMessagingRegistry {

	private final Map<String, SocketMessaging> sockets = new LinkedHashMap<>();

	/**
	 * Create a registry.
	 * @param sockets one per managed socket
	 */
	public SocketMessagingRegistry(List<SocketMessaging> sockets) {
		sockets.forEach((socket) -> this.sockets.put(socket.name(), socket));
	}

	/**
	 * The state of a socket.
	 * @param name the socket's name
	 * @return its state, or {@code null} if there is no such socket
	 */
	public @Nullable SocketMessaging find(String name) {
		return this.sockets.get(name);
	}

	/** Every socket's state. */
	public Collection<SocketMessaging> all() {
		return this.sockets.values();
	}

}
