package dev.zmqkeepalive.socket;

import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.zeromq.ZMQ;
import org.zeromq.ZMQException;

import zmq.ZError;

/**
 * Gets a caller's message to JeroMQ with as little hand-off as thread safety allows.
 * <ul>
 * <li>A sender that finds the socket's lock free hands over whatever is queued, then its
 * own message, on its own thread.</li>
 * <li>One that finds the lock taken queues its message and leaves it to the holder: every
 * holder hands over what is queued before it lets go and looks again afterwards.</li>
 * <li>When the socket is full, messages wait in the queue and the owning thread, woken,
 * waits for room; a sender waits only for room in the queue, up to the send
 * timeout.</li>
 * <li>On the owning thread itself (a listener, a task) a send never waits: that thread
 * is the one that would have to make room.</li>
 * <li>When the socket stops, a sender waiting for room is released at once with an
 * error that says so.</li>
 * </ul>
 * Each thread's messages keep their order: a message is sent directly only when nothing
 * is queued before it.
 *
 * @author zmq-keepalive
 */
final class SocketSender {

	private final String name;

	private final Duration sendTimeout;

	private final boolean receives;

	private final SocketAccess access;

	private final OutboundQueue outbound;

	private final SocketState state;

	private final SocketLoop loop;

	SocketSender(SocketSettings settings, SocketAccess access, OutboundQueue outbound, SocketState state,
			SocketLoop loop) {
		this.name = settings.name();
		this.sendTimeout = settings.sendTimeout();
		this.receives = settings.type().canReceive();
		this.access = access;
		this.outbound = outbound;
		this.state = state;
		this.loop = loop;
	}

	/**
	 * Send or queue one message.
	 * @param frames the frames
	 * @param owner the owning thread, or {@code null} before the socket starts (messages
	 * are then queued until it does)
	 * @throws ZmqSendException if the socket is closed or the queue stayed full
	 */
	void send(byte[][] frames, @Nullable Thread owner) {
		if (owner != null && Thread.currentThread() == owner) {
			sendOnOwningThread(frames);
			return;
		}
		boolean started = owner != null;
		if (started && this.access.tryLock()) {
			SendOutcome outcome;
			try {
				outcome = sendUnderLock(frames);
			}
			finally {
				this.access.unlock();
			}
			if (outcome.wakeOwner()) {
				this.loop.wake();
			}
			if (outcome != SendOutcome.QUEUE_FULL) {
				// A sender that found the lock taken while this one held it queued its
				// message and left it to the holder: look again after letting go, or it
				// waits for the next send or the owning thread's next turn (up to a
				// second when nothing else happens).
				if (!this.outbound.isEmpty()) {
					handOverQueued();
				}
				return;
			}
		}
		enqueue(frames, started);
		if (started) {
			handOverQueued();
		}
	}

	/**
	 * With the lock held: hand over what is queued, then the message, or queue it behind
	 * what is left. A sender that is interrupted meanwhile still completes its message
	 * and keeps its interrupt (see {@link OutboundQueue#sendNow}).
	 */
	private SendOutcome sendUnderLock(byte[][] frames) {
		if (this.access.isClosed()) {
			throw stoppedException();
		}
		try {
			ZMQ.Socket socket = this.access.socket();
			boolean room = this.outbound.sendAllTo(socket);
			if (room && OutboundQueue.sendNow(socket, frames)) {
				this.state.messagesSent(1);
				// JeroMQ processed the socket's commands during the send, which the
				// owning thread would otherwise have been woken for.
				boolean inputLeft = this.receives && (this.access.events() & ZMQ.Poller.POLLIN) != 0;
				return inputLeft ? SendOutcome.SENT_INPUT_LEFT : SendOutcome.SENT;
			}
			// The socket is full: the owning thread waits for room and sends the rest.
			return this.outbound.offer(frames) ? SendOutcome.QUEUED : SendOutcome.QUEUE_FULL;
		}
		catch (ZMQException ex) {
			if (ex.getErrorCode() == ZError.ETERM) {
				throw stoppedException();
			}
			throw new ZmqSendException(
					"Socket '" + this.name + "' could not send: " + ZError.toString(ex.getErrorCode()));
		}
	}

	/**
	 * After queueing: whoever holds the lock hands queued messages over before it lets
	 * go and looks again afterwards, so a sender that finds the lock taken can leave its
	 * message to the holder; one that finds it free does the work itself instead of
	 * waking the owning thread.
	 */
	private void handOverQueued() {
		while (!this.outbound.isEmpty() && this.access.tryLock()) {
			boolean room;
			boolean inputLeft;
			try {
				if (this.access.isClosed()) {
					return;
				}
				room = this.outbound.sendAllTo(this.access.socket());
				inputLeft = this.receives && (this.access.events() & ZMQ.Poller.POLLIN) != 0;
			}
			catch (ZMQException ex) {
				// Closing, or failing: the owning thread finds out and reports it.
				this.loop.wake();
				return;
			}
			finally {
				this.access.unlock();
			}
			if (!room || inputLeft) {
				this.loop.wake();
				return;
			}
		}
	}

	private void enqueue(byte[][] frames, boolean started) {
		boolean queued = this.outbound.offer(frames);
		if (!queued) {
			if (this.outbound.isClosed()) {
				throw stoppingException();
			}
			this.loop.wake();
			Duration timeout = this.sendTimeout;
			try {
				queued = this.outbound.offer(frames, timeout);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new ZmqSendException("Interrupted while waiting for room in the send queue of '" + this.name + "'");
			}
			if (!queued) {
				if (this.outbound.isClosed()) {
					throw stoppingException();
				}
				throw new ZmqSendException("Send queue of socket '" + this.name + "' stayed full ("
						+ this.outbound.capacity() + " messages) for " + Durations.format(timeout)
						+ ": its peers do not keep up. Raise the socket's send-queue-capacity or send-timeout, "
						+ "or slow down");
			}
		}
		if (!started) {
			// Handed over once the owning thread starts.
			this.loop.wake();
		}
	}

	/**
	 * A listener or task sending on its own socket: the owning thread holds no other
	 * lock and must never wait, since it is the thread that empties the queue.
	 */
	private void sendOnOwningThread(byte[][] frames) {
		this.access.lock();
		try {
			if (this.access.isClosed()) {
				throw stoppedException();
			}
			if (this.outbound.isEmpty() && OutboundQueue.sendNow(this.access.socket(), frames)) {
				this.state.messagesSent(1);
				return;
			}
		}
		finally {
			this.access.unlock();
		}
		if (!this.outbound.offer(frames)) {
			if (this.outbound.isClosed()) {
				throw stoppingException();
			}
			throw new ZmqSendException("Send queue of socket '" + this.name + "' is full ("
					+ this.outbound.capacity() + " messages) and the sender is the socket's own thread (a listener or "
					+ "an execute task), which is the thread that empties it: waiting would block it. Send from "
					+ "another thread, or raise the socket's send-queue-capacity");
		}
	}

	private ZmqSendException stoppedException() {
		return new ZmqSendException("Socket '" + this.name + "' is stopped");
	}

	/**
	 * The socket began to stop while the message had no room: it was not accepted and
	 * will not be sent. Said at once, not after the send timeout, and not blamed on
	 * the peers.
	 */
	private ZmqSendException stoppingException() {
		return new ZmqSendException("Socket '" + this.name + "' is stopping (its application context is stopping or "
				+ "closing): the message was not sent, its send queue had no room for it");
	}

	/** What a send under the lock did. */
	private enum SendOutcome {

		/** Handed to JeroMQ. */
		SENT(false),

		/** Handed to JeroMQ, and JeroMQ has input the owning thread must take. */
		SENT_INPUT_LEFT(true),

		/** The socket was full: queued for the owning thread, which waits for room. */
		QUEUED(true),

		/** The socket and the queue were full: the sender must wait for room. */
		QUEUE_FULL(true);

		private final boolean wakeOwner;

		SendOutcome(boolean wakeOwner) {
			this.wakeOwner = wakeOwner;
		}

		boolean wakeOwner() {
			return this.wakeOwner;
		}

	}

}
