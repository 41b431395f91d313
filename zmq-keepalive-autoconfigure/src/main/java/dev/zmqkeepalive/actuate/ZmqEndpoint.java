package dev.zmqkeepalive.actuate;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;

import dev.zmqkeepalive.socket.AppliedOptions;
import dev.zmqkeepalive.socket.KernelKeepalive;
import dev.zmqkeepalive.socket.ManagedSocket;
import dev.zmqkeepalive.socket.ManagedSocketRegistry;
import dev.zmqkeepalive.socket.PeerConnection;

/**
 * {@code /actuator/zmq}: every managed socket with its endpoints, its connections and,
 * for each connection, the TCP keepalive values read back from the kernel socket at the
 * time of the request, next to the options JeroMQ holds.
 *
 * @author zmq-keepalive
 */
@Endpoint(id = "zmq")
public class ZmqEndpoint {

	private final ManagedSocketRegistry sockets;

	public ZmqEndpoint(ManagedSocketRegistry sockets) {
		this.sockets = sockets;
	}

	@ReadOperation
	public SocketsDescriptor sockets() {
		Map<String, SocketDescriptor> descriptors = new LinkedHashMap<>();
		for (ManagedSocket socket : this.sockets.all()) {
			descriptors.put(socket.name(), describe(socket));
		}
		return new SocketsDescriptor(descriptors);
	}

	@ReadOperation
	public @Nullable SocketDescriptor socket(@Selector String name) {
		ManagedSocket socket = this.sockets.find(name);
		return (socket != null) ? describe(socket) : null;
	}

	private SocketDescriptor describe(ManagedSocket socket) {
		List<ConnectionDescriptor> connections = socket.state()
			.connections()
			.stream()
			.map(ConnectionDescriptor::of)
			.toList();
		return new SocketDescriptor(socket.settings().type().id(), socket.settings().bind(),
				socket.state().boundEndpoints(), socket.settings().connect(), socket.state().livePeerCount(),
				connections, socket.appliedOptions(), socket.queuedMessages());
	}

	/** All sockets by name. */
	public record SocketsDescriptor(Map<String, SocketDescriptor> sockets) {
	}

	/** One socket. */
	public record SocketDescriptor(String type, List<String> bind, List<String> bound, List<String> connect,
			int peers, List<ConnectionDescriptor> connections, AppliedOptions options, int queuedMessages) {
	}

	/**
	 * One TCP connection, with {@code keepalive} read from its kernel socket ({@code null}
	 * once the connection has closed).
	 */
	public record ConnectionDescriptor(@Nullable String remoteAddress, String endpoint, String connectedAt,
			@Nullable String handshakeAt, @Nullable KernelKeepalive keepalive) {

		static ConnectionDescriptor of(PeerConnection connection) {
			return new ConnectionDescriptor(connection.remoteAddress(), connection.endpoint(),
					connection.connectedAt().toString(),
					(connection.handshakeAt() != null) ? connection.handshakeAt().toString() : null,
					connection.kernelKeepalive());
		}

	}

}
