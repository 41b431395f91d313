package dev.zmqkeepalive.socket;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.zeromq.ZMQ;
import org.zeromq.ZMQException;

import zmq.ZError;

/**
 * Connect endpoints whose host did not resolve, tried again until it does. JeroMQ
 * resolves a host once, when {@code connect} is called, and gives up for good when that
 * fails; a DNS outage at startup is one of the faults this starter is for, so the
 * socket opens without that endpoint, reports it (health DOWN while it has no peer),
 * and the host is looked up again with the reconnect back-off (interval, doubling up
 * to max-interval). Lookups run on a thread of their own, never on the owning thread
 * (a lookup can take seconds); the connect, once the host resolves, runs on the owning
 * thread.
 *
 * @author zmq-keepalive
 */
final class UnresolvedConnects {

	private static final Log logger = LogFactory.getLog(UnresolvedConnects.class);

	private final String socketName;

	private final Reconnect reconnect;

	private final SocketState state;

	private final Consumer<Consumer<ZMQ.Socket>> onOwningThread;

	private final CountDownLatch stopped = new CountDownLatch(1);

	UnresolvedConnects(SocketSettings settings, SocketState state, Consumer<Consumer<ZMQ.Socket>> onOwningThread) {
		this.socketName = settings.name();
		this.reconnect = settings.reconnect();
		this.state = state;
		this.onOwningThread = onOwningThread;
	}

	/**
	 * Disconnect an endpoint and connect it again; runs on the owning thread. A failed
	 * disconnect is of no matter: JeroMQ may have forgotten the endpoint already (it does
	 * after a protocol error), or looked its host up and not found it (it looks host names
	 * up to disconnect too). Connecting is what matters.
	 * @param socket the socket
	 * @param configured the configured endpoint
	 * @return {@code false} if the host does not resolve now: JeroMQ then forgets the
	 * endpoint, and the caller must connect it later
	 * @throws RuntimeException what {@code connect} threw for any other reason
	 */
	static boolean connectAgain(ZMQ.Socket socket, String configured) {
		try {
			socket.disconnect(configured);
		}
		catch (RuntimeException ex) {
			// forgotten already, or its host not found: connecting is what matters
		}
		try {
			socket.connect(configured);
			return true;
		}
		catch (RuntimeException ex) {
			if (!isUnresolvedHost(ex)) {
				throw ex;
			}
			return false;
		}
	}

	/**
	 * Whether a failed connect failed because its host does not resolve (JeroMQ wraps
	 * the lookup's {@link UnknownHostException}), not because the endpoint is wrong.
	 * @param ex what {@code connect} threw
	 * @return whether trying again later may succeed
	 */
	static boolean isUnresolvedHost(RuntimeException ex) {
		return ex instanceof ZMQException zmq && zmq.getErrorCode() == ZError.EADDRNOTAVAIL
				&& zmq.getCause() instanceof UnknownHostException;
	}

	/**
	 * The host of a {@code tcp://host:port} endpoint.
	 * @param endpoint the endpoint
	 * @return the host, without brackets
	 */
	static String host(String endpoint) {
		String address = endpoint.substring(endpoint.indexOf("://") + 3);
		int colon = address.lastIndexOf(':');
		String host = (colon >= 0) ? address.substring(0, colon) : address;
		return (host.startsWith("[") && host.endsWith("]")) ? host.substring(1, host.length() - 1) : host;
	}

	/**
	 * Start looking the hosts up again, if there are any.
	 * @param threads makes the lookup thread
	 */
	void start(ThreadFactory threads) {
		if (this.state.unresolvedConnects().isEmpty()) {
			return;
		}
		Thread thread = threads.newThread(this::retry);
		thread.setName("zmq-" + this.socketName + "-resolve");
		// Lookups only: it must not keep the application running on its own.
		thread.setDaemon(true);
		thread.start();
	}

	/** Stop looking hosts up. */
	void stop() {
		this.stopped.countDown();
	}

	private void retry() {
		Duration delay = this.reconnect.interval();
		try {
			while (!this.state.unresolvedConnects().isEmpty()) {
				if (this.stopped.await(delay.toMillis(), TimeUnit.MILLISECONDS)) {
					return;
				}
				for (String endpoint : List.copyOf(this.state.unresolvedConnects().keySet())) {
					if (resolves(host(endpoint))) {
						this.onOwningThread.accept((socket) -> connect(socket, endpoint));
					}
				}
				Duration doubled = delay.multipliedBy(2);
				delay = (doubled.compareTo(this.reconnect.maxInterval()) < 0) ? doubled : this.reconnect.maxInterval();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static boolean resolves(String host) {
		try {
			InetAddress.getAllByName(host);
			return true;
		}
		catch (UnknownHostException ex) {
			return false;
		}
	}

	/** On the owning thread: the host resolves now, connect (once). */
	private void connect(ZMQ.Socket socket, String endpoint) {
		if (!this.state.hostResolved(endpoint)) {
			return;
		}
		try {
			socket.connect(endpoint);
			logger.info("Socket '" + this.socketName + "': host '" + host(endpoint) + "' resolves now, connecting to "
					+ endpoint);
		}
		catch (RuntimeException ex) {
			if (!isUnresolvedHost(ex)) {
				throw ex;
			}
			// Gone again between the lookup and the connect: keep trying.
			this.state.hostUnresolved(endpoint);
		}
	}

}
