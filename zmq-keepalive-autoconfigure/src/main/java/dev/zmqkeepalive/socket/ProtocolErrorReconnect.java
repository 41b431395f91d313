package dev.zmqkeepalive.socket;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.zeromq.ZMQ;

import dev.zmqkeepalive.event.ZmqSocketEvent;
import dev.zmqkeepalive.event.ZmqSocketEventDispatcher;
import dev.zmqkeepalive.event.ZmqSocketEventKind;

/**
 * Connects an endpoint again after a protocol error. JeroMQ reconnects after a lost
 * connection but ends a connecting session for good after a protocol error (a frame
 * over max-message-size, a CURVE key the server refuses): a subscriber with one endpoint
 * would never receive again. The endpoint is connected again after the reconnect
 * interval, doubled for each protocol error in a row up to the max-interval, so a peer
 * that keeps failing is not hammered; a peer that stayed up longer than the
 * max-interval before failing starts the back-off over. Runs on the owning thread.
 *
 * <p>
 * JeroMQ names the endpoint it gave up by the address it had resolved; which configured
 * endpoint that is ({@link ConnectEndpoints}) may take a host name lookup, which runs on
 * a thread of its own and hands the endpoints to schedule back to the owning thread.
 *
 * @author zmq-keepalive
 */
final class ProtocolErrorReconnect {

	private static final Log logger = LogFactory.getLog(ProtocolErrorReconnect.class);

	private static final String PROTOCOL_ERROR = "protocol error";

	private final SocketSettings settings;

	private final SocketState state;

	private final ZmqSocketEventDispatcher events;

	private final ConnectEndpoints endpoints;

	private final Consumer<Consumer<ZMQ.Socket>> onOwningThread;

	/** Endpoints to connect again, with when. */
	private final Map<String, Instant> due = new HashMap<>();

	/** Protocol errors in a row per configured connect endpoint. */
	private final Map<String, Integer> streaks = new HashMap<>();

	/**
	 * Create one for a socket.
	 * @param settings the socket's settings
	 * @param state where the monitor records endpoints JeroMQ gave up
	 * @param events where {@code reconnect-scheduled} goes
	 * @param endpoints the socket's connect endpoints, which tell the configured one for a
	 * reported one
	 * @param onOwningThread runs a socket action on the owning thread, later
	 */
	ProtocolErrorReconnect(SocketSettings settings, SocketState state, ZmqSocketEventDispatcher events,
			ConnectEndpoints endpoints, Consumer<Consumer<ZMQ.Socket>> onOwningThread) {
		this.settings = settings;
		this.state = state;
		this.events = events;
		this.endpoints = endpoints;
		this.onOwningThread = onOwningThread;
	}

	/**
	 * Schedule endpoints JeroMQ gave up and connect those that are due.
	 * @param socket the socket, on its owning thread
	 */
	void check(ZMQ.Socket socket) {
		Map<String, SocketState.AbandonedConnect> abandoned = this.state.abandonedConnects();
		if (abandoned.isEmpty() && this.due.isEmpty()) {
			return;
		}
		Instant now = this.state.now();
		for (Map.Entry<String, SocketState.AbandonedConnect> entry : abandoned.entrySet()) {
			abandoned.remove(entry.getKey(), entry.getValue());
			if (!this.settings.connecting()) {
				// An accepted connection: its peer connects again.
				continue;
			}
			String configured = this.endpoints.withoutLookup(entry.getKey());
			if (configured != null) {
				schedule(configured, entry.getValue(), now, PROTOCOL_ERROR);
			}
			else {
				lookUpThenSchedule(entry.getKey(), entry.getValue());
			}
		}
		List<String> dueNow = new ArrayList<>();
		for (Iterator<Map.Entry<String, Instant>> entries = this.due.entrySet().iterator(); entries.hasNext();) {
			Map.Entry<String, Instant> entry = entries.next();
			if (!entry.getValue().isAfter(now)) {
				entries.remove();
				dueNow.add(entry.getKey());
			}
		}
		// Not while iterating: connecting may schedule the endpoint again.
		for (String configured : dueNow) {
			connect(socket, configured, now);
		}
	}

	/**
	 * Several connect endpoints share the reported port and at least one is a host name:
	 * only a lookup tells which one JeroMQ gave up.
	 */
	private void lookUpThenSchedule(String reported, SocketState.AbandonedConnect failure) {
		this.endpoints.onLookupThread(() -> {
			List<String> configured = this.endpoints.byLookup(reported);
			if (configured.isEmpty()) {
				// No host resolves to that address any more (its DNS changed since JeroMQ
				// connected, or does not answer): the endpoint given up is one of those that
				// no open or pending connection belongs to. Connecting one of those that is
				// merely waiting for its next retry again does no harm; leaving the one given
				// up alone would lose it for good.
				List<String> inUse = new ArrayList<>(this.state.pendingConnects().keySet());
				this.state.connections().forEach((connection) -> inUse.add(connection.endpoint()));
				configured = this.endpoints.notIn(reported, inUse);
				logger.warn("Socket '" + this.settings.name() + "': no connect endpoint resolves to " + reported
						+ " any more, which JeroMQ gave up after a protocol error; connecting again those that no "
						+ "open connection belongs to: " + configured);
			}
			List<String> toSchedule = configured;
			this.onOwningThread.accept((socket) -> toSchedule
				.forEach((endpoint) -> schedule(endpoint, failure, this.state.now(), PROTOCOL_ERROR)));
		});
	}

	private void connect(ZMQ.Socket socket, String configured, Instant now) {
		if (!UnresolvedConnects.connectAgain(socket, configured)) {
			// Gone from DNS for now: try again later rather than let the owning thread fail.
			connectLater(configured, now);
		}
	}

	/**
	 * Connect an endpoint again after the back-off because its host does not resolve now:
	 * JeroMQ looks the host up in {@code connect} and, when that fails, forgets the
	 * endpoint. Runs on the owning thread.
	 * @param configured the configured endpoint
	 * @param now the time of the failed connect
	 */
	void connectLater(String configured, Instant now) {
		schedule(configured, new SocketState.AbandonedConnect(now, null), now,
				"host '" + UnresolvedConnects.host(configured) + "' does not resolve; failure");
	}

	private void schedule(String configured, SocketState.AbandonedConnect failure, Instant now, String cause) {
		Reconnect reconnect = this.settings.reconnect();
		Instant liveSince = failure.liveSince();
		boolean stayedUp = liveSince != null
				&& Duration.between(liveSince, failure.at()).compareTo(reconnect.maxInterval()) > 0;
		int streak = stayedUp ? 1 : this.streaks.getOrDefault(configured, 0) + 1;
		this.streaks.put(configured, streak);
		Duration delay = reconnect.interval().multipliedBy(1L << Math.min(streak - 1, 20));
		if (!reconnect.maxInterval().isZero() && delay.compareTo(reconnect.maxInterval()) > 0) {
			delay = reconnect.maxInterval();
		}
		this.due.put(configured, failure.at().plus(delay));
		this.state.eventOccurred(ZmqSocketEventKind.RECONNECT_SCHEDULED);
		this.events.offer(new ZmqSocketEvent(this.settings.name(), this.settings.name(),
				ZmqSocketEventKind.RECONNECT_SCHEDULED, configured, null, now,
				"JeroMQ gave the endpoint up after a protocol error; connecting again in " + Durations.format(delay)
						+ " (" + cause + " " + streak + " in a row)"));
	}

	/**
	 * How long until {@link #check} has an endpoint to connect.
	 * @param max the longest answer
	 * @return milliseconds, at least 1 and at most {@code max}
	 */
	long millisUntilDue(long max) {
		if (this.due.isEmpty()) {
			return max;
		}
		long wait = max;
		Instant now = this.state.now();
		for (Instant at : this.due.values()) {
			wait = Math.min(wait, Duration.between(now, at).toMillis() + 1);
		}
		return Math.max(1, wait);
	}

}
