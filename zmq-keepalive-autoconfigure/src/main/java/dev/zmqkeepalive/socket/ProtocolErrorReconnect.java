package dev.zmqkeepalive.socket;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
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
 * @author zmq-keepalive
 */
final class ProtocolErrorReconnect {

	private final SocketSettings settings;

	private final SocketState state;

	private final ZmqSocketEventDispatcher events;

	private final Function<String, @Nullable String> configuredEndpoint;

	/** Endpoints to connect again, with when. */
	private final Map<String, Instant> due = new HashMap<>();

	/** Protocol errors in a row per configured connect endpoint. */
	private final Map<String, Integer> streaks = new HashMap<>();

	/**
	 * Create one for a socket.
	 * @param settings the socket's settings
	 * @param state where the monitor records endpoints JeroMQ gave up
	 * @param events where {@code reconnect-scheduled} goes
	 * @param configuredEndpoint the configured connect endpoint for a reported one, or
	 * {@code null}
	 */
	ProtocolErrorReconnect(SocketSettings settings, SocketState state, ZmqSocketEventDispatcher events,
			Function<String, @Nullable String> configuredEndpoint) {
		this.settings = settings;
		this.state = state;
		this.events = events;
		this.configuredEndpoint = configuredEndpoint;
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
			String configured = this.settings.connecting() ? this.configuredEndpoint.apply(entry.getKey()) : null;
			if (configured != null) {
				schedule(configured, entry.getValue(), now);
			}
			// else an accepted connection: its peer connects again
		}
		for (Iterator<Map.Entry<String, Instant>> entries = this.due.entrySet().iterator(); entries.hasNext();) {
			Map.Entry<String, Instant> entry = entries.next();
			if (!entry.getValue().isAfter(now)) {
				entries.remove();
				try {
					socket.disconnect(entry.getKey());
				}
				catch (RuntimeException ex) {
					// JeroMQ may have forgotten the endpoint already; connecting is what matters.
				}
				socket.connect(entry.getKey());
			}
		}
	}

	private void schedule(String configured, SocketState.AbandonedConnect failure, Instant now) {
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
						+ " (protocol error " + streak + " in a row)"));
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
