package dev.zmqkeepalive.health;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

import dev.zmqkeepalive.messaging.SocketMessaging;
import dev.zmqkeepalive.socket.CurveKey;
import dev.zmqkeepalive.socket.CurveSettings;
import dev.zmqkeepalive.socket.Durations;
import dev.zmqkeepalive.socket.ManagedSocket;
import dev.zmqkeepalive.socket.PeerConnection;
import dev.zmqkeepalive.socket.SocketSettings;
import dev.zmqkeepalive.socket.SocketState;

/**
 * Health of one managed socket (see {@link SocketHealthRules} for when it is down),
 * with its peer count and oldest few peers, traffic and the keepalive settings in force
 * as details.
 *
 * @author zmq-keepalive
 */
public class ZmqSocketHealthIndicator implements HealthIndicator {

	/**
	 * Peers listed in the details, oldest first. Health is polled every few seconds by
	 * orchestrators: with a thousand subscribers, listing them all made it 80 KB. The
	 * rest are counted; {@code /actuator/zmq} lists them all, a page at a time.
	 */
	static final int LISTED_PEERS = 5;

	private final ManagedSocket socket;

	private final @Nullable SocketMessaging messaging;

	public ZmqSocketHealthIndicator(ManagedSocket socket) {
		this(socket, null);
	}

	/**
	 * Create an indicator.
	 * @param socket the socket
	 * @param messaging its envelope state: with the envelope on, a receiving socket shows
	 * the messages it lost (they do not make it DOWN: loss is for the operator to judge)
	 */
	public ZmqSocketHealthIndicator(ManagedSocket socket, @Nullable SocketMessaging messaging) {
		this.socket = socket;
		this.messaging = messaging;
	}

	@Override
	public Health health() {
		SocketSettings settings = this.socket.settings();
		SocketState state = this.socket.state();
		String downReason = SocketHealthRules.downReason(settings, state);
		Health.Builder builder = (downReason != null) ? Health.down().withDetail("reason", downReason) : Health.up();
		builder.withDetail("type", settings.type().id());
		builder.withDetail(settings.connecting() ? "connect" : "bind", this.socket.endpoints());
		List<PeerConnection> livePeers = state.livePeers();
		builder.withDetail("peers", livePeers.size());
		builder.withDetail("peerList", peers(livePeers.subList(0, Math.min(LISTED_PEERS, livePeers.size()))));
		if (livePeers.size() > LISTED_PEERS) {
			builder.withDetail("peersNotListed", livePeers.size() - LISTED_PEERS);
		}
		if (settings.type().canReceive()) {
			builder.withDetail("lastMessageIn", orNever(state.lastMessageIn()));
		}
		if (settings.type().canSend()) {
			builder.withDetail("lastMessageOut", orNever(state.lastMessageOut()));
		}
		if (this.messaging != null && this.messaging.loss() != null) {
			builder.withDetail("messagesLost", this.messaging.lost());
		}
		if (!state.unresolvedConnects().isEmpty()) {
			builder.withDetail("unresolvedConnects", state.unresolvedConnects().keySet().stream().sorted().toList());
		}
		builder.withDetail("disconnects", state.disconnects());
		builder.withDetail("reconnects", state.reconnects());
		builder.withDetail("settings", settings(settings));
		return builder.build();
	}

	private static String orNever(@Nullable Instant instant) {
		return (instant != null) ? instant.toString() : "never";
	}

	private static List<Map<String, Object>> peers(List<PeerConnection> peers) {
		return peers.stream().map((peer) -> {
			Map<String, Object> details = new LinkedHashMap<>();
			details.put("address", String.valueOf(peer.remoteAddress()));
			details.put("connectedSince", peer.connectedAt().toString());
			return details;
		}).toList();
	}

	static Map<String, Object> settings(SocketSettings settings) {
		Map<String, Object> details = new LinkedHashMap<>();
		Map<String, Object> tcp = new LinkedHashMap<>();
		tcp.put("enabled", settings.tcpKeepalive().enabled());
		tcp.put("idle", Durations.format(settings.tcpKeepalive().idle()));
		tcp.put("interval", Durations.format(settings.tcpKeepalive().interval()));
		tcp.put("count", settings.tcpKeepalive().count());
		details.put("tcpKeepalive", tcp);
		Map<String, Object> heartbeat = new LinkedHashMap<>();
		heartbeat.put("interval", Durations.format(settings.heartbeat().interval()));
		heartbeat.put("timeout", Durations.format(settings.heartbeat().timeout()));
		heartbeat.put("ttl", Durations.format(settings.heartbeat().ttl()));
		details.put("heartbeat", heartbeat);
		Map<String, Object> reconnect = new LinkedHashMap<>();
		reconnect.put("interval", Durations.format(settings.reconnect().interval()));
		reconnect.put("maxInterval", Durations.format(settings.reconnect().maxInterval()));
		reconnect.put("connectTimeout", Durations.format(settings.reconnect().connectTimeout()));
		details.put("reconnect", reconnect);
		details.put("detectionBound", Durations.format(settings.detectionBound()));
		Duration silenceTimeout = settings.silenceTimeout();
		if (silenceTimeout != null) {
			details.put("silenceTimeout", Durations.format(silenceTimeout));
		}
		details.put("maxMessageSize", settings.maxMessageSize());
		CurveSettings curve = settings.curve();
		if (curve != null) {
			// Fingerprints of public keys only, never a key.
			Map<String, Object> security = new LinkedHashMap<>();
			security.put("mechanism", "CURVE " + curve.role().name().toLowerCase(java.util.Locale.ROOT));
			security.put("publicKey", curve.publicKey().fingerprint());
			if (curve.serverKey() != null) {
				security.put("serverKey", curve.serverKey().fingerprint());
			}
			if (curve.role() == CurveSettings.Role.SERVER) {
				security.put("allowedClients", curve.allowedClients().isEmpty() ? "any client with the server key"
						: curve.allowedClients().stream().map(CurveKey::fingerprint).sorted().toList());
			}
			details.put("curve", security);
		}
		return details;
	}

}
