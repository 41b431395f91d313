package dev.zmqkeepalive.socket;

import java.time.Duration;

import org.zeromq.ZMQ;

/**
 * Applies {@link SocketSettings} to a JeroMQ socket. Must run before bind/connect:
 * JeroMQ copies options into each connection when it is made.
 *
 * @author zmq-keepalive
 */
final class SocketOptions {

	private SocketOptions() {
	}

	static void apply(SocketSettings settings, ZMQ.Socket socket) {
		socket.setLinger(millis(settings.linger()));
		socket.setReconnectIVL(millis(settings.reconnect().interval()));
		socket.setReconnectIVLMax(millis(settings.reconnect().maxInterval()));
		// A greeting that stalls (seen about once in 40 fresh connections) would otherwise
		// hold a dead-looking but "connected" link for JeroMQ's default 30 s.
		socket.setHandshakeIvl(millis(settings.handshakeTimeout()));
		// Connections past the accept queue are dropped and retried only after the
		// kernel's SYN back-off: a large one lets a reconnect storm in at once.
		socket.setBacklog(settings.backlog());
		// JeroMQ allocates the size a frame header claims: without a limit one peer
		// claiming 2 GiB costs 2 GiB (and can kill the I/O thread with OutOfMemoryError).
		socket.setMaxMsgSize(settings.maxMessageSize());
		// With a ZAP domain JeroMQ refuses ZMTP 1.0/2.0 peers, which is also how it takes
		// any bytes that do not start a ZMTP 3 greeting (an HTTP request, a port scan):
		// without it such a connection counted as a live peer. With no handler bound,
		// NULL connections proceed without a ZAP request; with the starter's handler bound
		// (for an allow-list) it answers them at once.
		socket.setZAPDomain(ZapHandler.domain(settings.name()));
		CurveSettings curve = settings.curve();
		if (curve != null) {
			if (curve.role() == CurveSettings.Role.SERVER) {
				socket.setCurveServer(true);
			}
			else {
				// A client is made only from the server's key; a settings object without it
				// is a bug, better named here than as a NullPointerException.
				CurveKey serverKey = curve.serverKey();
				if (serverKey == null) {
					throw new IllegalStateException(
							"Socket '" + settings.name() + "' is a CURVE client without the server's public key");
				}
				socket.setCurveServerKey(serverKey.bytes());
			}
			socket.setCurvePublicKey(curve.publicKey().bytes());
			socket.setCurveSecretKey(curve.secretKey().bytes());
		}
		TcpKeepalive keepalive = settings.tcpKeepalive();
		if (keepalive.enabled()) {
			socket.setTCPKeepAlive(1);
			socket.setTCPKeepAliveIdle(keepalive.idle().toSeconds());
			socket.setTCPKeepAliveInterval(keepalive.interval().toSeconds());
			socket.setTCPKeepAliveCount(keepalive.count());
		}
		else {
			socket.setTCPKeepAlive(0);
		}
		Heartbeat heartbeat = settings.heartbeat();
		if (heartbeat.enabled()) {
			socket.setHeartbeatIvl(millis(heartbeat.interval()));
			socket.setHeartbeatTimeout(millis(heartbeat.timeout()));
			socket.setHeartbeatTtl(millis(heartbeat.ttl()));
		}
		if (settings.sendHwm() != null) {
			socket.setSndHWM(settings.sendHwm());
		}
		if (settings.receiveHwm() != null) {
			socket.setRcvHWM(settings.receiveHwm());
		}
		if (settings.type() == ZmqSocketType.SUB) {
			if (settings.topics().isEmpty()) {
				socket.subscribe(new byte[0]);
			}
			for (String topic : settings.topics()) {
				socket.subscribe(topic.getBytes(java.nio.charset.StandardCharsets.UTF_8));
			}
		}
	}

	private static int millis(Duration duration) {
		return (int) Math.min(Integer.MAX_VALUE, duration.toMillis());
	}

}
