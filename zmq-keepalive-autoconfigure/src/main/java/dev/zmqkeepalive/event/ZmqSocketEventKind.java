package dev.zmqkeepalive.event;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

import zmq.ZMQ;

/**
 * What happened on a managed socket: JeroMQ's monitor events plus the starter's own
 * {@link #SILENT} and {@link #RESUMED}.
 *
 * @author zmq-keepalive
 */
public enum ZmqSocketEventKind {

	/** A bound endpoint is listening. */
	LISTENING(ZMQ.ZMQ_EVENT_LISTENING),

	/** A bind failed (for example: address in use). */
	BIND_FAILED(ZMQ.ZMQ_EVENT_BIND_FAILED),

	/** A bound endpoint accepted a TCP connection from a peer. */
	ACCEPTED(ZMQ.ZMQ_EVENT_ACCEPTED),

	/** Accepting a connection failed. */
	ACCEPT_FAILED(ZMQ.ZMQ_EVENT_ACCEPT_FAILED),

	/** A connecting endpoint established its TCP connection. */
	CONNECTED(ZMQ.ZMQ_EVENT_CONNECTED),

	/** A connect is in progress (the peer has not answered yet). */
	CONNECT_DELAYED(ZMQ.ZMQ_EVENT_CONNECT_DELAYED),

	/**
	 * A connect failed (refused, unreachable) or its connection ended; JeroMQ scheduled
	 * the next attempt.
	 */
	CONNECT_RETRIED(ZMQ.ZMQ_EVENT_CONNECT_RETRIED),

	/**
	 * The ZMTP 3 handshake completed, security mechanism (CURVE, ZAP) included: the peer
	 * is live. Credited to the connection that made it.
	 */
	HANDSHAKE_SUCCEEDED(ZMQ.ZMQ_EVENT_HANDSHAKE_SUCCEEDED),

	/**
	 * A connection was refused or lost before it became a peer, with the remote address
	 * and the reason: not ZMTP 3 (garbage, or a peer older than ZMTP 3.0), a CURVE key
	 * mismatch, a client not on the allow-list, another security mechanism, a frame over
	 * the maximum size during the handshake, no handshake within the handshake timeout,
	 * or the connection closed before its handshake. Such a connection never raises
	 * {@link #DISCONNECTED}.
	 */
	HANDSHAKE_FAILED(ZMQ.ZMQ_EVENT_HANDSHAKE_FAILED_PROTOCOL),

	/**
	 * A live peer broke the protocol (for example a frame over {@code max-message-size})
	 * and its connection was dropped; the other peers are not affected.
	 */
	PROTOCOL_ERROR(0),

	/**
	 * JeroMQ gave up on a connect endpoint after a protocol error; the starter connects it
	 * again after the reconnect back-off.
	 */
	RECONNECT_SCHEDULED(0),

	/**
	 * A live peer went away: a connection whose handshake had completed ended (peer closed,
	 * reset, keepalive or heartbeat expired, or after a {@link #PROTOCOL_ERROR}). Raised
	 * once per such connection, never for a connection that was not a peer yet, which
	 * raises {@link #HANDSHAKE_FAILED} instead.
	 */
	DISCONNECTED(ZMQ.ZMQ_EVENT_DISCONNECTED),

	/** A connecting or listening channel was closed. */
	CLOSED(ZMQ.ZMQ_EVENT_CLOSED),

	/** An inbound socket received nothing for longer than its silence timeout. */
	SILENT(0),

	/** A silent inbound socket received a message again. */
	RESUMED(0);

	private static final ZmqSocketEventKind[] VALUES = values();

	private final int monitorCode;

	ZmqSocketEventKind(int monitorCode) {
		this.monitorCode = monitorCode;
	}

	/** The name used in metrics tags and JSON: lower case with hyphens. */
	public String id() {
		return name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

	/** The JeroMQ monitor events the starter listens to. */
	public static int monitorMask() {
		int mask = 0;
		for (ZmqSocketEventKind kind : VALUES) {
			mask |= kind.monitorCode;
		}
		// The handshake's failure reasons and, on stock JeroMQ (which never emits
		// HANDSHAKE_SUCCEEDED), the end of the ZMTP greeting.
		return mask | ZMQ.ZMQ_EVENT_HANDSHAKE_FAILED_NO_DETAIL | ZMQ.ZMQ_EVENT_HANDSHAKE_FAILED_AUTH
				| ZMQ.ZMQ_EVENT_CLOSE_FAILED | ZMQ.ZMQ_EVENT_HANDSHAKE_PROTOCOL;
	}

	/**
	 * The kind for a JeroMQ monitor event code.
	 * @param code the {@code ZMQ_EVENT_*} code
	 * @return the kind, or {@code null} for events the starter does not report
	 */
	public static @Nullable ZmqSocketEventKind fromMonitorCode(int code) {
		if (code == ZMQ.ZMQ_EVENT_HANDSHAKE_FAILED_NO_DETAIL || code == ZMQ.ZMQ_EVENT_HANDSHAKE_FAILED_AUTH) {
			return HANDSHAKE_FAILED;
		}
		for (ZmqSocketEventKind kind : VALUES) {
			if (kind.monitorCode == code && code != 0) {
				return kind;
			}
		}
		return null;
	}

}
