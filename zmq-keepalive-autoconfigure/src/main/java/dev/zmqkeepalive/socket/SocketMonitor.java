package dev.zmqkeepalive.socket;

import java.io.IOException;
import java.net.SocketAddress;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import org.jspecify.annotations.Nullable;

import dev.zmqkeepalive.event.ZmqSocketEvent;
import dev.zmqkeepalive.event.ZmqSocketEventDispatcher;
import dev.zmqkeepalive.event.ZmqSocketEventKind;
import zmq.ZMQ;

/**
 * JeroMQ event hook of one managed socket. JeroMQ calls it synchronously on an I/O
 * thread while the connection's channel is still open, which is what lets it record the
 * peer's address and keep the channel for reading keepalive values back. It needs no
 * monitor socket and no thread of its own. It must never block or throw: a throwing hook
 * skips JeroMQ's cleanup and the socket never reconnects, so everything here is a
 * non-blocking update and every failure is caught and counted.
 *
 * @author zmq-keepalive
 */
final class SocketMonitor implements ZMQ.EventConsummer {

	private final String socketName;

	private final SocketState state;

	private final ZmqSocketEventDispatcher dispatcher;

	private final LongAdder failures = new LongAdder();

	/** Set once the socket is closed: late events of its connections are not its successor's. */
	private volatile boolean detached;

	/** Counted down when JeroMQ has destroyed the socket, its listeners closed. */
	private final CountDownLatch released = new CountDownLatch(1);

	/** Wakes the owning thread, which connects an abandoned endpoint again; never blocks. */
	private volatile Runnable wakeOwner = () -> {
	};

	SocketMonitor(String socketName, SocketState state, ZmqSocketEventDispatcher dispatcher) {
		this.socketName = socketName;
		this.state = state;
		this.dispatcher = dispatcher;
	}

	/**
	 * Wake the owning thread when JeroMQ gives a connect endpoint up: asleep, it would
	 * notice only at its next turn, up to a second after the back-off has run out.
	 * @param wakeOwner makes the owning thread take a turn; must not block
	 */
	void wakeOwnerOnAbandonedConnect(Runnable wakeOwner) {
		this.wakeOwner = wakeOwner;
	}

	/**
	 * Why the connection this I/O thread is working on is failing: JeroMQ reports the
	 * reason (by endpoint only) just before DISCONNECTED (which names the channel), on
	 * the same thread, so a thread-local pairs them without any lock.
	 */
	private final ThreadLocal<String> pendingFailure = new ThreadLocal<>();

	/**
	 * Ignore every event from now on: the socket is closed and its state belongs to the
	 * socket opened in its place. JeroMQ ends a closed socket's connections
	 * asynchronously, on its I/O threads.
	 */
	void detach() {
		this.detached = true;
	}

	/**
	 * JeroMQ calls this on its reaper thread once the closed socket is destroyed: every
	 * listener and connection of it is closed by then (its children end before it), so
	 * its ports are free. Non-blocking, as everything here.
	 */
	@Override
	public void close() {
		this.released.countDown();
	}

	/**
	 * Wait until JeroMQ has destroyed the closed socket.
	 * @param timeout how long to wait
	 * @return whether it was destroyed in time
	 */
	boolean awaitReleased(Duration timeout) {
		try {
			return this.released.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	@Override
	public void consume(ZMQ.Event event) {
		if (this.detached) {
			return;
		}
		try {
			switch (event.event) {
				case ZMQ.ZMQ_EVENT_HANDSHAKE_PROTOCOL -> {
					// The ZMTP greeting is done, CURVE and ZAP are not: a peer only once
					// HANDSHAKE_SUCCEEDED comes, which stock JeroMQ never emits.
					if (!JeromqEvents.HANDSHAKE_SUCCEEDED_EMITTED) {
						record(ZmqSocketEventKind.HANDSHAKE_SUCCEEDED, event.addr, null);
					}
				}
				case ZMQ.ZMQ_EVENT_HANDSHAKE_FAILED_PROTOCOL, ZMQ.ZMQ_EVENT_HANDSHAKE_FAILED_AUTH,
						ZMQ.ZMQ_EVENT_HANDSHAKE_FAILED_NO_DETAIL -> {
					// The first reason is the most specific one (a mechanism's, then the
					// engine's errno).
					if (this.pendingFailure.get() == null) {
						this.pendingFailure.set(FailureReasons.describe(event.event, event.arg));
					}
				}
				default -> {
					ZmqSocketEventKind kind = ZmqSocketEventKind.fromMonitorCode(event.event);
					if (kind != null) {
						record(kind, event.addr, (event.arg instanceof SelectableChannel channel) ? channel : null);
					}
				}
			}
		}
		catch (Throwable ex) {
			// Never let anything escape onto the I/O thread.
			this.failures.increment();
		}
	}

	private void record(ZmqSocketEventKind kind, String endpoint, @Nullable SelectableChannel channel) {
		Instant now = this.state.now();
		@Nullable String remote = null;
		switch (kind) {
			case CONNECTED, ACCEPTED -> {
				this.state.connectSettled(endpoint);
				remote = remoteAddress(channel);
				if (channel != null) {
					this.state.connectionOpened(channel, endpoint, remote, now);
				}
			}
			case CONNECT_DELAYED -> this.state.connectPending(endpoint, now);
			// Not on CLOSED: a connect restarted by the owner closes the old attempt after
			// the new one has begun.
			case CONNECT_RETRIED -> this.state.connectSettled(endpoint);
			case HANDSHAKE_SUCCEEDED -> {
				PeerConnection peer = (channel != null)
						? this.state.handshakeSucceeded(channel, endpoint, remoteAddress(channel), now)
						: this.state.handshakeSucceeded(endpoint, now);
				remote = (peer != null) ? peer.remoteAddress() : remoteAddress(channel);
			}
			case DISCONNECTED -> {
				disconnected(endpoint, channel, now);
				return;
			}
			default -> {
			}
		}
		publish(kind, endpoint, remote, now, null);
	}

	/**
	 * A connection ended. Only one that had become a peer (its handshake done) raises
	 * {@code disconnected}: a connection refused or lost before its handshake was never a
	 * peer, and raises {@code handshake-failed} alone, so that strangers knocking on a
	 * bound port never look like peers going away.
	 */
	private void disconnected(String endpoint, @Nullable SelectableChannel channel, Instant now) {
		String failure = this.pendingFailure.get();
		this.pendingFailure.remove();
		// By channel, never by endpoint: many connections share one endpoint, and a
		// connection whose handshake was never reported is not in the state at all.
		PeerConnection closed = (channel != null) ? this.state.connectionClosed(channel, now) : null;
		@Nullable String remote = (closed != null) ? closed.remoteAddress() : remoteAddress(channel);
		// Its handshake time, read once: null for a connection that never became a peer.
		@Nullable Instant liveSince = (closed != null) ? closed.handshakeAt() : null;
		if (failure != null) {
			// A protocol error: JeroMQ ends the session for good on a connecting socket.
			this.state.connectAbandoned(endpoint, now, liveSince);
			this.wakeOwner.run();
		}
		if (liveSince == null) {
			publish(ZmqSocketEventKind.HANDSHAKE_FAILED, endpoint, remote, now, (failure != null) ? failure
					: "closed before completing a ZMTP 3 handshake (by the peer, or after handshake-timeout)");
			return;
		}
		if (failure != null) {
			publish(ZmqSocketEventKind.PROTOCOL_ERROR, endpoint, remote, now, failure);
		}
		publish(ZmqSocketEventKind.DISCONNECTED, endpoint, remote, now, null);
	}

	private void publish(ZmqSocketEventKind kind, String endpoint, @Nullable String remote, Instant at,
			@Nullable String reason) {
		this.state.eventOccurred(kind);
		this.dispatcher.offer(new ZmqSocketEvent(this.socketName, this.socketName, kind, endpoint, remote, at, reason));
	}

	/** Failures caught inside the hook (expected to stay zero). */
	long failures() {
		return this.failures.sum();
	}

	static @Nullable String remoteAddress(@Nullable SelectableChannel channel) {
		if (channel instanceof SocketChannel socketChannel) {
			try {
				SocketAddress address = socketChannel.getRemoteAddress();
				return (address != null) ? format(address) : null;
			}
			catch (IOException ex) {
				return null;
			}
		}
		return null;
	}

	private static String format(SocketAddress address) {
		String text = address.toString();
		// InetSocketAddress prints "host/ip:port" or "/ip:port"; keep "ip:port".
		int slash = text.indexOf('/');
		return (slash >= 0) ? text.substring(slash + 1) : text;
	}

}
