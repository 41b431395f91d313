package dev.zmqkeepalive.socket;

import java.nio.channels.SelectableChannel;
import java.util.concurrent.locks.ReentrantLock;

import org.jspecify.annotations.Nullable;
import org.zeromq.ZMQ;
import org.zeromq.ZMQException;

import zmq.ZError;

/**
 * The JeroMQ socket and the lock every thread holds while it touches it. JeroMQ sockets
 * are not thread-safe, but they may be used by one thread after another when each hand-over
 * is ordered, which the lock does. The owning thread takes it to receive, to hand queued
 * messages over and to run tasks; a sender that finds it free takes it to send on its own
 * thread, saving the hand-off. The lock is reentrant, so a listener running on the owning
 * thread can send.
 *
 * <p>
 * The socket's file descriptor (its command mailbox) is readable without the lock: the
 * owning thread of a socket that sends waits on it, then takes the lock to act. The
 * owning thread of a socket that only receives has nobody to share the lock with and
 * waits inside JeroMQ's receive, holding it ({@link #receiveWaiting()}).
 *
 * @author zmq-keepalive
 */
final class SocketAccess {

	private final ZMQ.Socket socket;

	private final SelectableChannel fd;

	private final ReentrantLock lock = new ReentrantLock();

	private final ZMQ.CancellationToken waitCancellation;

	/** Guarded by {@link #lock}. */
	private boolean closed;

	SocketAccess(ZMQ.Socket socket) {
		this.socket = socket;
		this.fd = socket.getFD();
		this.waitCancellation = socket.createCancellationToken();
	}

	/** The channel that becomes readable when the socket has commands to process. */
	SelectableChannel fd() {
		return this.fd;
	}

	boolean tryLock() {
		return this.lock.tryLock();
	}

	void lock() {
		this.lock.lock();
	}

	void unlock() {
		this.lock.unlock();
	}

	/**
	 * The socket, for the thread that holds the lock.
	 * @return the socket
	 * @throws IllegalStateException if the socket is closed
	 */
	ZMQ.Socket socket() {
		if (!this.lock.isHeldByCurrentThread()) {
			throw new IllegalStateException("The JeroMQ socket is only touched under its lock");
		}
		if (this.closed) {
			throw new IllegalStateException("The socket is closed");
		}
		return this.socket;
	}

	/**
	 * Wait for one message in JeroMQ's blocking receive (up to the socket's receive
	 * timeout) unless {@link #cancelWait()} is called meanwhile; a cancel that comes
	 * before the wait ends the next wait at once, so none is lost.
	 * @return the first frame, or {@code null} on timeout or cancel
	 */
	byte @Nullable [] receiveWaiting() {
		try {
			return socket().recv(0, this.waitCancellation);
		}
		catch (ZMQException ex) {
			if (ex.getErrorCode() != ZError.ECANCELED) {
				throw ex;
			}
			this.waitCancellation.reset();
			return null;
		}
	}

	/** End a {@link #receiveWaiting()} wait, from any thread, without the lock. */
	void cancelWait() {
		this.waitCancellation.cancel();
	}

	/** Whether the socket is closed (call with the lock held). */
	boolean isClosed() {
		return this.closed;
	}

	/**
	 * Process the socket's pending commands and say what it can do now.
	 * @return {@link ZMQ#POLLIN} and {@link ZMQ#POLLOUT} bits, or 0 when closed or
	 * terminated
	 */
	int events() {
		if (this.closed) {
			return 0;
		}
		ZMQ.Socket socket = socket();
		boolean interrupted = false;
		try {
			while (true) {
				int events = socket.getEvents();
				if (events >= 0) {
					return events;
				}
				if (socket.errno() != ZError.EINTR) {
					return 0;
				}
				// JeroMQ took the caller's interrupt as EINTR before processing commands.
				interrupted = true;
			}
		}
		finally {
			if (interrupted) {
				Thread.currentThread().interrupt();
			}
		}
	}

	/** Close the socket (with the lock held); afterwards nobody can use it. */
	void close() {
		if (this.closed) {
			return;
		}
		this.closed = true;
		this.socket.close();
	}

}
