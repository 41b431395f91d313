package dev.zmqkeepalive.actuate;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;

import dev.zmqkeepalive.envelope.PublisherLossTracker;
import dev.zmqkeepalive.envelope.PublisherStatus;
import dev.zmqkeepalive.messaging.SocketMessaging;
import dev.zmqkeepalive.messaging.SocketMessagingRegistry;
import dev.zmqkeepalive.socket.AppliedOptions;
import dev.zmqkeepalive.socket.KernelKeepalive;
import dev.zmqkeepalive.socket.ManagedSocket;
import dev.zmqkeepalive.socket.ManagedSocketRegistry;
import dev.zmqkeepalive.socket.PeerConnection;
import zmq.io.net.ipc.IpcAddress;

/**
 * {@code /actuator/zmq}: every managed socket with its endpoints, its connections and,
 * for each connection, the TCP keepalive values read back from the kernel socket at the
 * time of the request, next to the options JeroMQ holds. Connections come a page at a
 * time (query parameters {@code offset} and {@code limit}, default the oldest
 * {@value #DEFAULT_LIMIT} of each socket), so a publisher with thousands of subscribers
 * does not answer with megabytes.
 *
 * @author zmq-keepalive
 */
@Endpoint(id = "zmq")
public class ZmqEndpoint {

	private static final String IPC = "ipc://";

	/**
	 * Connections returned per socket when the request does not say: with a thousand
	 * subscribers the full list was 240 KB.
	 */
	public static final int DEFAULT_LIMIT = 100;

	/** The most connections a request may ask for per socket. */
	public static final int MAX_LIMIT = 10_000;

	/** A stable order to page through: oldest connection first. */
	private static final Comparator<PeerConnection> OLDEST_FIRST = Comparator.comparing(PeerConnection::connectedAt)
		.thenComparing((connection) -> String.valueOf(connection.remoteAddress()))
		.thenComparing(PeerConnection::endpoint);

	private final ManagedSocketRegistry sockets;

	private final @Nullable SocketMessagingRegistry messaging;

	public ZmqEndpoint(ManagedSocketRegistry sockets) {
		this(sockets, null);
	}

	/**
	 * Create the endpoint.
	 * @param sockets the sockets
	 * @param messaging their envelope and conversion state ({@code null}: not shown)
	 */
	public ZmqEndpoint(ManagedSocketRegistry sockets, @Nullable SocketMessagingRegistry messaging) {
		this.sockets = sockets;
		this.messaging = messaging;
	}

	/** Every socket, with the first page of each one's connections. */
	public SocketsDescriptor sockets() {
		return sockets(null, null);
	}

	/**
	 * Every socket, with a page of each one's connections.
	 * @param offset connections to skip, oldest first (query parameter; default 0)
	 * @param limit most connections per socket (query parameter; default
	 * {@value #DEFAULT_LIMIT}, at most {@value #MAX_LIMIT})
	 * @return the sockets
	 */
	@ReadOperation
	public SocketsDescriptor sockets(@Nullable Integer offset, @Nullable Integer limit) {
		Page page = Page.of(offset, limit);
		Map<String, SocketDescriptor> descriptors = new LinkedHashMap<>();
		for (ManagedSocket socket : this.sockets.all()) {
			descriptors.put(socket.name(), describe(socket, page));
		}
		return new SocketsDescriptor(descriptors);
	}

	/** One socket, with the first page of its connections. */
	public @Nullable SocketDescriptor socket(String name) {
		return socket(name, null, null);
	}

	/**
	 * One socket, with a page of its connections.
	 * @param name the socket
	 * @param offset connections to skip, oldest first (query parameter; default 0)
	 * @param limit most connections (query parameter; default {@value #DEFAULT_LIMIT},
	 * at most {@value #MAX_LIMIT})
	 * @return the socket, or {@code null} (404) if there is none of that name
	 */
	@ReadOperation
	public @Nullable SocketDescriptor socket(@Selector String name, @Nullable Integer offset, @Nullable Integer limit) {
		Page page = Page.of(offset, limit);
		ManagedSocket socket = this.sockets.find(name);
		return (socket != null) ? describe(socket, page) : null;
	}

	private SocketDescriptor describe(ManagedSocket socket, Page page) {
		List<PeerConnection> all = new ArrayList<>(socket.state().connections());
		all.sort(OLDEST_FIRST);
		// Kernel values are read only for the connections returned.
		List<ConnectionDescriptor> connections = all.stream()
			.skip(page.offset())
			.limit(page.limit())
			.map(ConnectionDescriptor::of)
			.toList();
		List<String> bound = socket.state().boundEndpoints();
		return new SocketDescriptor(socket.settings().type().id(), socket.settings().bind(), bound,
				ipcTcpAddresses(bound), socket.settings().connect(), socket.state().livePeerCount(), connections,
				socket.appliedOptions(), socket.queuedMessages(), all.size(), page.offset(), messages(socket.name()));
	}

	private @Nullable MessagesDescriptor messages(String socket) {
		SocketMessaging messaging = (this.messaging != null) ? this.messaging.find(socket) : null;
		if (messaging == null) {
			return null;
		}
		PublisherLossTracker loss = messaging.loss();
		boolean sends = messaging.lastSequenceSent() > 0;
		return new MessagesDescriptor(messaging.envelope(), messaging.conversionFailures(),
				(messaging.envelope() && sends) ? messaging.instanceId().toString() : null,
				messaging.envelope() ? messaging.lastSequenceSent() : null, (loss != null) ? loss.lost() : null,
				(loss != null) ? messaging.unframed() : null, (loss != null) ? messaging.malformed() : null,
				(loss != null) ? loss.duplicates() : null, (loss != null) ? loss.forgotten() : null,
				(loss != null) ? loss.publishers().stream().map(PublisherDescriptor::of).toList() : null);
	}

	/**
	 * JeroMQ has no Unix domain sockets: an {@code ipc://} endpoint is a TCP listener on
	 * the loopback address, on a port derived from the name (no socket file is made).
	 * JeroMQ's own address resolution tells which; other JeroMQ processes on the host
	 * reach it, libzmq peers (which look for the file) do not.
	 */
	private static Map<String, String> ipcTcpAddresses(List<String> bound) {
		Map<String, String> addresses = new LinkedHashMap<>();
		for (String endpoint : bound) {
			if (endpoint.startsWith(IPC)) {
				InetSocketAddress address = (InetSocketAddress) new IpcAddress(endpoint.substring(IPC.length()))
					.address();
				addresses.put(endpoint, "tcp://" + address.getAddress().getHostAddress() + ":" + address.getPort());
			}
		}
		return addresses;
	}

	/** Which connections a request asked for. */
	private record Page(int offset, int limit) {

		static Page of(@Nullable Integer offset, @Nullable Integer limit) {
			if (offset != null && offset < 0) {
				throw new InvalidEndpointRequestException("Invalid offset " + offset + ": allowed 0 or more",
						"offset must be 0 or more (connections to skip, oldest first)");
			}
			if (limit != null && (limit < 1 || limit > MAX_LIMIT)) {
				throw new InvalidEndpointRequestException("Invalid limit " + limit + ": allowed 1 to " + MAX_LIMIT,
						"limit must be 1 to " + MAX_LIMIT + " (connections per socket)");
			}
			return new Page((offset != null) ? offset : 0, (limit != null) ? limit : DEFAULT_LIMIT);
		}

	}

	/** All sockets by name. */
	public record SocketsDescriptor(Map<String, SocketDescriptor> sockets) {
	}

	/**
	 * One socket. {@code ipcTcpAddresses} maps each bound {@code ipc://} endpoint to the
	 * loopback TCP address JeroMQ really listens on. {@code connections} is one page,
	 * oldest first, starting at {@code connectionsOffset}, of {@code connectionCount}
	 * open connections.
	 */
	public record SocketDescriptor(String type, List<String> bind, List<String> bound,
			Map<String, String> ipcTcpAddresses, List<String> connect, int peers, List<ConnectionDescriptor> connections,
			AppliedOptions options, int queuedMessages, int connectionCount, int connectionsOffset,
			@Nullable MessagesDescriptor messages) {
	}

	/**
	 * Messages above ZeroMQ: conversion failures, and with the envelope on, this socket's
	 * instance id and last sequence number sent (sending sockets) or the loss per
	 * publisher (receiving sockets). Fields that do not apply are {@code null}.
	 */
	public record MessagesDescriptor(boolean envelope, long conversionFailures, @Nullable String instanceId,
			@Nullable Long lastSequenceSent, @Nullable Long lost, @Nullable Long unframed,
			@Nullable Long malformedEnvelopes, @Nullable Long duplicates, @Nullable Long publishersForgotten,
			@Nullable List<PublisherDescriptor> publishers) {
	}

	/** One publisher instance a receiving socket has heard from. */
	public record PublisherDescriptor(String instanceId, long firstSequence, long lastSequence, long received,
			long lost, long duplicates, String firstSeen, String lastSeen) {

		static PublisherDescriptor of(PublisherStatus status) {
			return new PublisherDescriptor(status.publisherId().toString(), status.firstSequence(),
					status.lastSequence(), status.received(), status.lost(), status.duplicates(),
					status.firstSeen().toString(), status.lastSeen().toString());
		}

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
