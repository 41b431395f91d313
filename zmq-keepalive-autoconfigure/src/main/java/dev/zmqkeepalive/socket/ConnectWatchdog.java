package dev.zmqkeepalive.socket;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Consumer;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.zeromq.ZMQ;

/**
 * Starts a stalled connect again. JeroMQ has no connect timeout: after a path comes back,
 * a connect that was started into a black hole waits for the kernel's next SYN
 * retransmission, up to a minute or more. A connect unanswered for longer than the
 * connect timeout is started again, so a returning path is found within about that
 * time. Only for sockets that send nothing of their own (sub, pull, and xsub whose
 * subscriptions are sent again): restarting a connect drops what was queued for that
 * peer.
 *
 * <p>
 * JeroMQ reports a connect by its resolved address, while {@code disconnect} wants the
 * endpoint as configured ({@link ConnectEndpoints}): mostly that is clear at once;
 * otherwise host names are looked up on a thread of their own, never on the owning
 * thread, and the restart is then run on the owning thread.
 *
 * @author zmq-keepalive
 */
final class ConnectWatchdog {

	private static final Log logger = LogFactory.getLog(ConnectWatchdog.class);

	private final String socketName;

	private final ConnectEndpoints connect;

	private final Duration timeout;

	private final boolean applies;

	private final SocketState state;

	private final Consumer<Consumer<ZMQ.Socket>> onOwningThread;

	private final @Nullable ProtocolErrorReconnect afterProtocolErrors;

	/**
	 * Create a watchdog.
	 * @param settings the socket's settings
	 * @param state where pending connects are recorded
	 * @param connect the socket's connect endpoints, and the thread of a host name lookup
	 * @param onOwningThread runs a socket action on the owning thread, later
	 */
	ConnectWatchdog(SocketSettings settings, SocketState state, ConnectEndpoints connect,
			Consumer<Consumer<ZMQ.Socket>> onOwningThread) {
		this(settings, state, connect, onOwningThread, null);
	}

	/**
	 * Create a watchdog that also connects endpoints again after a protocol error.
	 * @param settings the socket's settings
	 * @param state where pending connects are recorded
	 * @param connect the socket's connect endpoints, and the thread of a host name lookup
	 * @param onOwningThread runs a socket action on the owning thread, later
	 * @param afterProtocolErrors connects endpoints JeroMQ gave up, or {@code null}
	 */
	ConnectWatchdog(SocketSettings settings, SocketState state, ConnectEndpoints connect,
			Consumer<Consumer<ZMQ.Socket>> onOwningThread, @Nullable ProtocolErrorReconnect afterProtocolErrors) {
		this.afterProtocolErrors = afterProtocolErrors;
		this.socketName = settings.name();
		this.connect = connect;
		this.timeout = settings.reconnect().connectTimeout();
		ZmqSocketType type = settings.type();
		this.applies = !settings.connect().isEmpty() && (!type.canSend() || type == ZmqSocketType.XSUB);
		this.state = state;
		this.onOwningThread = onOwningThread;
	}

	/**
	 * Start again every connect unanswered for longer than the timeout.
	 * @param socket the socket (its lock held)
	 */
	void check(ZMQ.Socket socket) {
		if (this.afterProtocolErrors != null) {
			this.afterProtocolErrors.check(socket);
		}
		if (!this.applies) {
			return;
		}
		Map<String, Instant> pending = this.state.pendingConnects();
		if (pending.isEmpty()) {
			return;
		}
		Instant now = this.state.now();
		for (Map.Entry<String, Instant> connect : pending.entrySet()) {
			if (Duration.between(connect.getValue(), now).compareTo(this.timeout) <= 0) {
				continue;
			}
			String reported = connect.getKey();
			this.state.connectSettled(reported);
			String configured = this.connect.withoutLookup(reported);
			if (configured != null) {
				restart(socket, reported, configured);
			}
			else {
				lookUpThenRestart(reported);
			}
		}
	}

	/**
	 * How long until {@link #check} may have a connect to start again.
	 * @param max the longest answer
	 * @return milliseconds, at least 1 and at most {@code max}
	 */
	long millisUntilDue(long max) {
		if (this.afterProtocolErrors != null) {
			max = this.afterProtocolErrors.millisUntilDue(max);
		}
		if (!this.applies) {
			return max;
		}
		long due = max;
		Instant now = this.state.now();
		for (Instant since : this.state.pendingConnects().values()) {
			due = Math.min(due, this.timeout.minus(Duration.between(since, now)).toMillis() + 1);
		}
		return Math.max(1, due);
	}

	private void lookUpThenRestart(String reported) {
		this.connect.onLookupThread(() -> {
			for (String configured : this.connect.byLookup(reported)) {
				this.onOwningThread.accept((socket) -> restart(socket, reported, configured));
			}
		});
	}

	private void restart(ZMQ.Socket socket, String reported, String configured) {
		logger.info("Socket '" + this.socketName + "': connect to " + reported + " unanswered for "
				+ Durations.format(this.timeout) + " (connect-timeout), starting it again");
		if (UnresolvedConnects.connectAgain(socket, configured)) {
			return;
		}
		// The endpoint must not be lost, nor the owning thread die of its host gone.
		if (this.afterProtocolErrors != null) {
			this.afterProtocolErrors.connectLater(configured, this.state.now());
		}
		else {
			logger.warn("Socket '" + this.socketName + "': host '" + UnresolvedConnects.host(configured)
					+ "' does not resolve; " + configured + " is not connected again");
		}
	}

}
