package dev.zmqkeepalive.jeromq;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * A ZAP handler (RFC 27) that refuses every request with status 400, on a thread of its
 * own, until it is closed.
 * <p>
 * The handler's socket is used by one thread at a time: its own thread while it runs,
 * then the closing thread, after that thread has stopped. A handler left blocked in a
 * receive while {@code ZContext.close()} closes its socket from another thread races
 * JeroMQ's pipe termination (the publisher's session then gets the ZAP pipe's
 * termination acknowledged twice and its I/O thread dies of an {@code AssertionError}).
 */
final class RefusingZapHandler implements AutoCloseable {

	private static final Duration POLL = Duration.ofMillis(50);

	private final ZContext context;

	private final ZMQ.Socket socket;

	private final Runnable beforeEachRefusal;

	private final AtomicInteger refusals = new AtomicInteger();

	private final AtomicBoolean stopped = new AtomicBoolean();

	private final Thread thread;

	/**
	 * Bind the context's ZAP endpoint and start refusing.
	 * @param context the context whose sockets ask this handler
	 */
	RefusingZapHandler(ZContext context) {
		this(context, () -> {
		});
	}

	/**
	 * Bind the context's ZAP endpoint and start refusing.
	 * @param context the context whose sockets ask this handler
	 * @param beforeEachRefusal runs on the handler's thread before each refusal is sent
	 */
	RefusingZapHandler(ZContext context, Runnable beforeEachRefusal) {
		this.context = context;
		this.beforeEachRefusal = beforeEachRefusal;
		this.socket = context.createSocket(SocketType.REP);
		this.socket.setReceiveTimeOut((int) POLL.toMillis());
		// Bound before any socket of the context handshakes: an unbound ZAP endpoint
		// makes the handshake fail, which is not what the tests are about.
		this.socket.bind("inproc://zeromq.zap.01");
		this.thread = new Thread(this::refuseUntilClosed, "refusing-zap-handler");
		this.thread.setDaemon(true);
		this.thread.start();
	}

	/** How many requests were refused so far. */
	int refusals() {
		return this.refusals.get();
	}

	private void refuseUntilClosed() {
		while (!this.stopped.get()) {
			String version = this.socket.recvStr();
			if (version == null) {
				continue;
			}
			List<String> request = new ArrayList<>();
			request.add(version);
			while (this.socket.hasReceiveMore()) {
				request.add(this.socket.recvStr());
			}
			this.beforeEachRefusal.run();
			this.socket.sendMore("1.0");
			this.socket.sendMore(request.get(1));
			this.socket.sendMore("400");
			this.socket.sendMore("not allowed");
			this.socket.sendMore("");
			this.socket.send("");
			this.refusals.incrementAndGet();
		}
	}

	@Override
	public void close() throws InterruptedException {
		this.stopped.set(true);
		this.thread.join(Duration.ofSeconds(10).toMillis());
		if (this.thread.isAlive()) {
			throw new IllegalStateException("The ZAP handler did not stop within 10 s");
		}
		this.context.destroySocket(this.socket);
	}

}
