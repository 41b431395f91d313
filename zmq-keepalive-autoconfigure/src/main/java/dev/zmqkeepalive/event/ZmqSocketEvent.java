package dev.zmqkeepalive.event;

import java.time.Instant;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEvent;

/**
 * Something that happened on a managed socket, published as a Spring application event:
 * listen for it with {@code @EventListener}. Events are published from one starter-owned
 * thread, never from a JeroMQ I/O thread, so a slow listener delays other events but
 * never the sockets.
 *
 * @author zmq-keepalive
 */
public class ZmqSocketEvent extends ApplicationEvent {

	private final String socketName;

	private final ZmqSocketEventKind kind;

	private final String endpoint;

	private final @Nullable String remoteAddress;

	private final Instant time;

	private final @Nullable String reason;

	public ZmqSocketEvent(Object source, String socketName, ZmqSocketEventKind kind, String endpoint,
			@Nullable String remoteAddress, Instant time) {
		this(source, socketName, kind, endpoint, remoteAddress, time, null);
	}

	public ZmqSocketEvent(Object source, String socketName, ZmqSocketEventKind kind, String endpoint,
			@Nullable String remoteAddress, Instant time, @Nullable String reason) {
		super(source);
		this.reason = reason;
		this.socketName = socketName;
		this.kind = kind;
		this.endpoint = endpoint;
		this.remoteAddress = remoteAddress;
		this.time = time;
	}

	/** Name of the socket under {@code zmq.keepalive.sockets}. */
	public String getSocketName() {
		return this.socketName;
	}

	public ZmqSocketEventKind getKind() {
		return this.kind;
	}

	/** The socket's endpoint the event concerns, as JeroMQ reports it. */
	public String getEndpoint() {
		return this.endpoint;
	}

	/** The remote peer ({@code host:port}) where known. */
	public @Nullable String getRemoteAddress() {
		return this.remoteAddress;
	}

	/** When the event happened (not when it was published). */
	public Instant getTime() {
		return this.time;
	}

	/**
	 * Why a connection was refused or dropped ({@code handshake-failed},
	 * {@code protocol-error}, {@code reconnect-scheduled}), or {@code null}. Never holds key
	 * material: a CURVE key appears as its fingerprint at most.
	 */
	public @Nullable String getReason() {
		return this.reason;
	}

	@Override
	public String toString() {
		return "ZmqSocketEvent[socket=" + this.socketName + ", kind=" + this.kind.id() + ", endpoint=" + this.endpoint
				+ ", remote=" + this.remoteAddress + ((this.reason != null) ? ", reason=" + this.reason : "")
				+ ", time=" + this.time + "]";
	}

}
