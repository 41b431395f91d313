package dev.zmqkeepalive.socket;

import org.zeromq.SocketType;

/**
 * ZeroMQ socket types the starter manages, with the directions each can carry.
 *
 * @author zmq-keepalive
 */
public enum ZmqSocketType {

	/** Publisher: sends to every subscriber, receives nothing. */
	PUB(SocketType.PUB, true, false),

	/** Subscriber: receives the topics it subscribed to, sends nothing. */
	SUB(SocketType.SUB, false, true),

	/** Extended publisher: sends like {@code pub} and receives subscriptions. */
	XPUB(SocketType.XPUB, true, true),

	/** Extended subscriber: receives like {@code sub} and sends subscription frames. */
	XSUB(SocketType.XSUB, true, true),

	/** Pipeline sender: sends to one peer at a time, round-robin. */
	PUSH(SocketType.PUSH, true, false),

	/** Pipeline receiver: receives fair-queued from every sender. */
	PULL(SocketType.PULL, false, true);

	private final SocketType jeromqType;

	private final boolean sending;

	private final boolean receiving;

	ZmqSocketType(SocketType jeromqType, boolean sending, boolean receiving) {
		this.jeromqType = jeromqType;
		this.sending = sending;
		this.receiving = receiving;
	}

	public SocketType jeromqType() {
		return this.jeromqType;
	}

	/** Whether messages can be sent on this type of socket. */
	public boolean canSend() {
		return this.sending;
	}

	/** Whether messages arrive on this type of socket. */
	public boolean canReceive() {
		return this.receiving;
	}

	/** The lower-case name used in properties, health and metrics. */
	public String id() {
		return name().toLowerCase(java.util.Locale.ROOT);
	}

}
