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

	/** A connect failed or a connection was lost; the next attempt is scheduled. */
	CONNECT_RETRIED(ZMQ.ZMQ_EVENT_CONNECT_RETRIED),

	/**
	 * The ZMTP handshake completed: the first sign the session is really up (JeroMQ's
	 * {@code HANDSHAKE_PROTOCOL}).
	 */
	HANDSHAKE_SUCCEEDED(ZMQ.ZMQ_EVENT_HANDSHAKE_PROTOCOL),

	/** The ZMTP handshake failed (protocol or security mismatch). */
	HANDSHAKE_FAILED(ZMQ.ZMQ_EVENT_HANDSHAKE_FAILED_PROTOCOL),

	/** An established connection ended (peer closed, reset, keepalive or heartbeat expired). */
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
		// JeroMQ never emits these two, but they belong to the same families.
		return mask | ZMQ.ZMQ_EVENT_HANDSHAKE_FAILED_NO_DETAIL | ZMQ.ZMQ_EVENT_HANDSHAKE_FAILED_AUTH
				| ZMQ.ZMQ_EVENT_CLOSE_FAILED;
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
