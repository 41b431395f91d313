package dev.zmqkeepalive.socket;

import java.nio.channels.NetworkChannel;
import java.nio.channels.SelectableChannel;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * One TCP connection of a managed socket, from the moment it is connected or accepted
 * until it is disconnected. It counts as a live peer once its ZMTP handshake is done.
 *
 * @author zmq-keepalive
 */
public final class PeerConnection {

	private final SelectableChannel channel;

	private final String endpoint;

	private final @Nullable String remoteAddress;

	private final Instant connectedAt;

	private volatile @Nullable Instant handshakeAt;

	PeerConnection(SelectableChannel channel, String endpoint, @Nullable String remoteAddress, Instant connectedAt) {
		this.channel = channel;
		this.endpoint = endpoint;
		this.remoteAddress = remoteAddress;
		this.connectedAt = connectedAt;
	}

	/** The socket endpoint this connection belongs to. */
	public String endpoint() {
		return this.endpoint;
	}

	/** The peer's {@code host:port}, where known. */
	public @Nullable String remoteAddress() {
		return this.remoteAddress;
	}

	/** When the TCP connection was established. */
	public Instant connectedAt() {
		return this.connectedAt;
	}

	/** When the ZMTP handshake completed, or {@code null} while it is pending. */
	public @Nullable Instant handshakeAt() {
		return this.handshakeAt;
	}

	public boolean isLive() {
		return this.handshakeAt != null;
	}

	/**
	 * Read the keepalive values in force on this connection's kernel socket.
	 * @return the values, or {@code null} when the connection is already closed or is not
	 * a TCP connection
	 */
	public @Nullable KernelKeepalive kernelKeepalive() {
		return (this.channel instanceof NetworkChannel network) ? KernelKeepalive.read(network) : null;
	}

	SelectableChannel channel() {
		return this.channel;
	}

	void handshakeDone(Instant at) {
		this.handshakeAt = at;
	}

}
