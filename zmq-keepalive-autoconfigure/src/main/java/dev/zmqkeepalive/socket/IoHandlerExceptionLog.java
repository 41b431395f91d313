package dev.zmqkeepalive.socket;

import java.util.concurrent.atomic.AtomicLong;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Logs what a JeroMQ I/O thread caught from one of its connection handlers, instead of
 * JeroMQ's default {@code printStackTrace()} to standard error, which bypasses the
 * application's logging. The I/O thread goes on after such an exception (only an
 * {@link Error} ends it, see {@link IoThreadWatch}), but the connection it was handling
 * may be left half set up, so it is worth a WARN.
 * <p>
 * A peer that can trigger the exception can trigger it on every connection, so the log
 * is bounded: the first exception with its stack trace, then at most one line a minute
 * saying how many more there were. Called on the I/O thread: it only counts and logs,
 * never blocks and never throws.
 *
 * @author zmq-keepalive
 */
public final class IoHandlerExceptionLog implements Thread.UncaughtExceptionHandler {

	private static final Log logger = LogFactory.getLog(IoHandlerExceptionLog.class);

	private static final long QUIET_NANOS = 60_000_000_000L;

	private final AtomicLong suppressed = new AtomicLong();

	private final AtomicLong nextLogNanos = new AtomicLong(System.nanoTime());

	private volatile boolean logged;

	@Override
	public void uncaughtException(Thread thread, Throwable ex) {
		try {
			long now = System.nanoTime();
			long next = this.nextLogNanos.get();
			if (now - next < 0 || !this.nextLogNanos.compareAndSet(next, now + QUIET_NANOS)) {
				this.suppressed.incrementAndGet();
				return;
			}
			long more = this.suppressed.getAndSet(0);
			String message = "JeroMQ I/O thread '" + thread.getName() + "' caught " + describe(ex)
					+ " from a connection's handler and went on; that connection may be left half set up";
			if (!this.logged) {
				this.logged = true;
				logger.warn(message, ex);
			}
			else {
				logger.warn(message + " (" + more + " more since the last such line; the first was logged with its stack trace)");
			}
		}
		catch (Throwable logging) {
			// Never throw on the I/O thread.
		}
	}

	private static String describe(Throwable ex) {
		return ex.getClass().getName() + ((ex.getMessage() != null) ? ": " + ex.getMessage() : "");
	}

}
