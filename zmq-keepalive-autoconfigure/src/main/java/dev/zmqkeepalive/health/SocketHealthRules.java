package dev.zmqkeepalive.health;

import java.time.Duration;
import java.time.Instant;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import dev.zmqkeepalive.socket.Durations;
import dev.zmqkeepalive.socket.SocketSettings;
import dev.zmqkeepalive.socket.SocketState;

/**
 * Whether a managed socket is healthy, and why not. The rules:
 * <ol>
 * <li>A receiving socket with a {@code silence-timeout} that has received nothing for
 * longer than that is down.</li>
 * <li>A connecting socket with no live peer (no connection with a completed ZMTP
 * handshake) is down as soon as it has lost its last peer, and, if it never had one,
 * once its detection bound has passed since startup (the grace for the first
 * connection), and at once while a host it connects to does not resolve.</li>
 * <li>A binding socket is up whatever its number of peers: having no subscribers is not
 * a fault of the socket.</li>
 * </ol>
 * Above all of them: a socket whose JeroMQ I/O thread has died is down, whatever else
 * holds, since nothing it sends or receives moves any more; and a stopped socket (its
 * application context stopped) is down until it is started again.
 * Sockets whose endpoints are all {@code inproc://} have no connection events to judge
 * peers by, so only rule 1 applies to them.
 *
 * @author zmq-keepalive
 */
public final class SocketHealthRules {

	private SocketHealthRules() {
	}

	/**
	 * Judge a socket.
	 * @param settings the socket's settings
	 * @param state its live state (whose clock says what time it is)
	 * @return why it is down, or {@code null} when it is up
	 */
	public static @Nullable String downReason(SocketSettings settings, SocketState state) {
		String ioFailure = state.ioFailure();
		if (ioFailure != null) {
			return ioFailure;
		}
		if (state.isStopped()) {
			return "stopped: the application context was stopped (or is closing); the socket opens again when it "
					+ "starts";
		}
		Duration silence = settings.silenceTimeout();
		if (silence != null && state.isSilent()) {
			return "no message received for " + Durations.format(roundToSeconds(state.quietFor(true)))
					+ " (silence-timeout " + Durations.format(silence) + ")";
		}
		if (!settings.connecting() || !tracksPeers(settings) || state.livePeerCount() > 0) {
			return null;
		}
		if (!state.unresolvedConnects().isEmpty()) {
			// Known at once, no grace needed: nothing can connect until DNS answers.
			return state.unresolvedConnects()
				.keySet()
				.stream()
				.sorted()
				.map((endpoint) -> "host '" + host(endpoint) + "' (connect " + endpoint + ")")
				.collect(Collectors.joining(", ")) + " does not resolve; looking it up again with the reconnect back-off (up to "
					+ Durations.format(settings.reconnect().maxInterval()) + ")";
		}
		Instant lost = state.lastPeerLostAt();
		if (state.everHadPeer() && lost != null) {
			return "lost its last peer at " + lost + "; reconnecting";
		}
		Duration waiting = Duration.between(state.startedAt(), state.now());
		if (waiting.compareTo(settings.detectionBound()) > 0) {
			return "no peer reached in " + Durations.format(roundToSeconds(waiting)) + " since startup (detection bound "
					+ Durations.format(settings.detectionBound()) + ")";
		}
		return null;
	}

	/** Whether connection events exist for this socket's endpoints. */
	public static boolean tracksPeers(SocketSettings settings) {
		return settings.endpoints().stream().anyMatch((endpoint) -> !endpoint.startsWith("inproc://"));
	}

	private static String host(String endpoint) {
		String address = endpoint.substring(endpoint.indexOf("://") + 3);
		int colon = address.lastIndexOf(':');
		return (colon >= 0) ? address.substring(0, colon) : address;
	}

	private static Duration roundToSeconds(Duration duration) {
		return Duration.ofSeconds(duration.toSeconds());
	}

}
