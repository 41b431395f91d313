package dev.zmqkeepalive.socket;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.zeromq.ZContext;

/**
 * Notices a JeroMQ I/O thread that dies. Such a thread carries every connection of its
 * context, so when it dies all traffic stops for good while every socket still looks
 * open: JeroMQ itself says nothing but the stack trace. The watch marks every socket of
 * the context down with the reason, logs it once, loudly, and remembers it, so that
 * closing the context does not wait for a thread that will never answer.
 * <p>
 * The context is not re-created: sockets, their options, subscriptions and the
 * application's own raw sockets ({@code ZmqSocketCustomizer}, {@code execute}) belong to
 * it, messages queued in it are lost, and what killed the thread (most often an
 * {@code OutOfMemoryError}) usually leaves the process unfit to go on. Restarting the
 * process (health DOWN makes an orchestrator do it) is the recovery.
 *
 * @author zmq-keepalive
 */
public final class IoThreadWatch implements Thread.UncaughtExceptionHandler {

	private static final Log logger = LogFactory.getLog(IoThreadWatch.class);

	private final List<SocketState> states = new CopyOnWriteArrayList<>();

	private final AtomicBoolean failed = new AtomicBoolean();

	private volatile String reason = "";

	/**
	 * Watch a context's I/O threads; must run before its first socket is created.
	 * @param context the context
	 * @return the watch, or {@code null} if the context already runs (its threads then
	 * keep their handler)
	 */
	public static IoThreadWatch install(ZContext context) {
		IoThreadWatch watch = new IoThreadWatch();
		try {
			context.setUncaughtExceptionHandler(watch);
		}
		catch (IllegalStateException ex) {
			logger.warn("The ZContext already has sockets, so the death of one of its I/O threads cannot be "
					+ "watched: health will not show it");
		}
		return watch;
	}

	void watch(SocketState state) {
		this.states.add(state);
		if (this.failed.get()) {
			state.ioFailed(this.reason);
		}
	}

	/** Whether an I/O thread of the context has died. */
	public boolean hasFailed() {
		return this.failed.get();
	}

	@Override
	public void uncaughtException(Thread thread, Throwable ex) {
		String why = "JeroMQ I/O thread '" + thread.getName() + "' died (" + ex.getClass().getName()
				+ ((ex.getMessage() != null) ? ": " + ex.getMessage() : "")
				+ "): no message moves on any socket of this context until the application restarts";
		if (!this.failed.compareAndSet(false, true)) {
			return;
		}
		this.reason = why;
		for (SocketState state : this.states) {
			state.ioFailed(why);
		}
		try {
			logger.error(why, ex);
		}
		catch (Throwable logging) {
			// Out of memory, perhaps: the health status already says it.
		}
	}

	/**
	 * Close the context, giving up after the bound: with a dead I/O thread
	 * {@code ZContext.close()} waits forever for it to acknowledge its sockets' end (seen:
	 * SIGTERM hung until kill -9). JeroMQ's threads are daemons, so the process still
	 * exits when the close is given up.
	 * @param context the context
	 * @param bound how long closing may take
	 * @return whether the context closed within the bound
	 */
	public boolean closeWithin(ZContext context, java.time.Duration bound) {
		Thread closer = new Thread(context::close, "zmq-keepalive-context-close");
		closer.setDaemon(true);
		closer.start();
		try {
			closer.join(Math.max(1, bound.toMillis()));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		if (closer.isAlive()) {
			logger.warn("ZContext did not close within " + Durations.format(bound)
					+ (hasFailed() ? " (its I/O thread is dead: " + this.reason + ")" : "")
					+ "; leaving it to the end of the process");
			return false;
		}
		return true;
	}

}
