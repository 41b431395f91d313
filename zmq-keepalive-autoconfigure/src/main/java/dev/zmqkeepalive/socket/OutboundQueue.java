package dev.zmqkeepalive.socket;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import org.zeromq.ZMQ;
import org.zeromq.ZMQException;

import zmq.ZError;

/**
 * Messages accepted from senders that could not be handed to the socket at once (it was
 * busy or full), in order. Any thread adds; the thread holding the socket's lock hands
 * them over, in batches so that one queue lock round-trip serves many messages.
 *
 * <p>
 * When the socket stops, the queue is {@linkplain #close closed}: senders waiting for
 * room are released at once and nothing more is accepted; what was accepted before is
 * still handed over within the linger time.
 *
 * @author zmq-keepalive
 */
final class OutboundQueue {

	/** Messages handed over per turn before the owner looks at the other direction. */
	static final int BATCH = 1024;

	private final BlockingQueue<byte[][]> queue;

	/** Taken from the queue, not yet accepted by the socket. Under the socket's lock. */
	private final ArrayDeque<byte[][]> drained = new ArrayDeque<>(BATCH);

	/** Size of {@link #drained}, readable from any thread. */
	private volatile int drainedCount;

	/**
	 * Messages in {@link #queue}, kept apart so that a sender can see an empty queue
	 * without taking the queue's lock. Counted before a message goes in and uncounted
	 * after it comes out, so it is never below what the queue holds: a thread whose
	 * message is queued never sees "empty" and overtakes it. (Counted after going in, a
	 * drain between another thread's put and its count made the count 0 with a message
	 * still queued, and a sender's next message went first.)
	 */
	private final AtomicInteger queued = new AtomicInteger();

	private final SocketState state;

	/** Senders waiting for room wait on {@link #roomOrClosed}, under this lock. */
	private final ReentrantLock roomLock = new ReentrantLock();

	private final Condition roomOrClosed = this.roomLock.newCondition();

	/** Senders waiting for room: only then does taking messages out signal. */
	private final AtomicInteger waiting = new AtomicInteger();

	private volatile boolean closed;

	OutboundQueue(int capacity, SocketState state) {
		this.queue = new ArrayBlockingQueue<>(capacity);
		this.state = state;
	}

	/** Add without waiting; {@code false} when full or {@linkplain #isClosed closed}. */
	boolean offer(byte[][] frames) {
		if (this.closed) {
			return false;
		}
		this.queued.incrementAndGet();
		if (this.queue.offer(frames)) {
			return true;
		}
		this.queued.decrementAndGet();
		return false;
	}

	/**
	 * Add, waiting up to the timeout for room.
	 * @return {@code false} when still full, or when the queue was {@linkplain #close
	 * closed} meanwhile (which ends the wait at once)
	 */
	boolean offer(byte[][] frames, Duration timeout) throws InterruptedException {
		this.queued.incrementAndGet();
		this.waiting.incrementAndGet();
		boolean added = false;
		try {
			long deadline = System.nanoTime() + timeout.toNanos();
			while (!this.closed) {
				// Tried after counting as waiting: room made after this attempt is signalled.
				if (this.queue.offer(frames)) {
					added = true;
					return true;
				}
				long left = deadline - System.nanoTime();
				if (left <= 0) {
					return false;
				}
				this.roomLock.lockInterruptibly();
				try {
					if (!this.closed && this.queue.remainingCapacity() == 0) {
						this.roomOrClosed.awaitNanos(left);
					}
				}
				finally {
					this.roomLock.unlock();
				}
			}
			return false;
		}
		finally {
			this.waiting.decrementAndGet();
			if (!added) {
				this.queued.decrementAndGet();
			}
		}
	}

	/**
	 * Accept nothing more and release every sender waiting for room. Messages already
	 * queued stay queued for the owning thread to hand over.
	 */
	void close() {
		this.closed = true;
		this.roomLock.lock();
		try {
			this.roomOrClosed.signalAll();
		}
		finally {
			this.roomLock.unlock();
		}
	}

	/** Whether the queue was closed because the socket is stopping. */
	boolean isClosed() {
		return this.closed;
	}

	/**
	 * Whether nothing is queued. May answer {@code false} for a moment while another
	 * thread is adding, never {@code true} while a message is queued.
	 */
	boolean isEmpty() {
		return this.drainedCount == 0 && this.queued.get() == 0;
	}

	/** Messages waiting, from any thread. */
	int size() {
		return this.queue.size() + this.drainedCount;
	}

	int capacity() {
		return this.queue.size() + this.queue.remainingCapacity();
	}

	/**
	 * Hand up to one batch to the socket without blocking. Call with the socket's lock
	 * held.
	 * @param socket the socket
	 * @return {@code false} if the socket had no room (high-water mark reached, or no
	 * peer to send to)
	 */
	boolean sendBatchTo(ZMQ.Socket socket) {
		if (this.drained.isEmpty()) {
			int taken = this.queue.drainTo(this.drained, BATCH);
			// Counted as drained before it is uncounted as queued: never seen empty
			// while a message is on its way to the socket.
			this.drainedCount = this.drained.size();
			this.queued.addAndGet(-taken);
			if (taken > 0 && this.waiting.get() > 0) {
				signalRoom();
			}
		}
		int sent = 0;
		boolean room = true;
		byte[][] frames;
		while ((frames = this.drained.peek()) != null) {
			if (!sendNow(socket, frames)) {
				room = false;
				break;
			}
			this.drained.poll();
			sent++;
		}
		this.drainedCount = this.drained.size();
		if (sent > 0) {
			this.state.messagesSent(sent);
		}
		return room;
	}

	private void signalRoom() {
		this.roomLock.lock();
		try {
			this.roomOrClosed.signalAll();
		}
		finally {
			this.roomLock.unlock();
		}
	}

	/**
	 * Hand everything queued to the socket without blocking, for as long as it has room.
	 * Call with the socket's lock held.
	 * @param socket the socket
	 * @return {@code false} if the socket had no room for all of it
	 */
	boolean sendAllTo(ZMQ.Socket socket) {
		if (this.drained.isEmpty() && this.queued.get() == 0) {
			// The count is never below what the queue holds: nothing is queued.
			return true;
		}
		// By what is really there: the count may still include a message on its way in.
		while (!this.drained.isEmpty() || !this.queue.isEmpty()) {
			if (!sendBatchTo(socket)) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Hand every frame of one message to the socket. Only the first frame can meet a
	 * full socket: once it is accepted, ZeroMQ takes the rest of the message.
	 * @param socket the socket (its lock held)
	 * @param frames the message
	 * @return {@code false} if the socket had no room
	 */
	static boolean sendNow(ZMQ.Socket socket, byte[][] frames) {
		int last = frames.length - 1;
		boolean interrupted = false;
		try {
			while (true) {
				try {
					if (!socket.send(frames[0], (last > 0 ? ZMQ.SNDMORE : 0) | ZMQ.DONTWAIT)) {
						return false;
					}
					break;
				}
				catch (ZMQException ex) {
					interrupted |= retryAfterInterrupt(ex);
				}
			}
			for (int i = 1; i <= last; i++) {
				while (true) {
					try {
						socket.send(frames[i], (i < last) ? ZMQ.SNDMORE : 0);
						break;
					}
					catch (ZMQException ex) {
						interrupted |= retryAfterInterrupt(ex);
					}
				}
			}
			return true;
		}
		finally {
			if (interrupted) {
				Thread.currentThread().interrupt();
			}
		}
	}

	/**
	 * JeroMQ turns a pending interrupt of the sending thread into {@code EINTR}, clearing
	 * it, before it touches the message. Sending again completes the message (a message
	 * cut between frames would corrupt the stream); the caller's interrupt is restored
	 * afterwards. Its internal pipes are non-blocking, which an interrupt does not close.
	 */
	private static boolean retryAfterInterrupt(ZMQException ex) {
		if (ex.getErrorCode() != ZError.EINTR) {
			throw ex;
		}
		return true;
	}

}
