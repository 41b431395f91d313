package dev.zmqkeepalive.socket;

import org.zeromq.ZMQ;

/**
 * Option values read back from a configured JeroMQ socket: the settings in force, as
 * JeroMQ holds them (milliseconds and seconds as JeroMQ counts them). For the values in
 * force on each connection's kernel socket see {@link PeerConnection#kernelKeepalive()}.
 *
 * @param tcpKeepalive {@code ZMQ_TCP_KEEPALIVE}: 1 on, 0 off, -1 OS default
 * @param tcpKeepaliveIdleSeconds {@code ZMQ_TCP_KEEPALIVE_IDLE}
 * @param tcpKeepaliveIntervalSeconds {@code ZMQ_TCP_KEEPALIVE_INTVL}
 * @param tcpKeepaliveCount {@code ZMQ_TCP_KEEPALIVE_CNT}
 * @param heartbeatIntervalMillis {@code ZMQ_HEARTBEAT_IVL}
 * @param heartbeatTimeoutMillis {@code ZMQ_HEARTBEAT_TIMEOUT}
 * @param heartbeatTtlMillis {@code ZMQ_HEARTBEAT_TTL}
 * @param reconnectIntervalMillis {@code ZMQ_RECONNECT_IVL}
 * @param reconnectMaxIntervalMillis {@code ZMQ_RECONNECT_IVL_MAX}
 * @param lingerMillis {@code ZMQ_LINGER}
 * @param sendHwm {@code ZMQ_SNDHWM}
 * @param receiveHwm {@code ZMQ_RCVHWM}
 * @param handshakeIntervalMillis {@code ZMQ_HANDSHAKE_IVL}
 * @param backlog {@code ZMQ_BACKLOG}
 */
public record AppliedOptions(int tcpKeepalive, long tcpKeepaliveIdleSeconds, long tcpKeepaliveIntervalSeconds,
		long tcpKeepaliveCount, int heartbeatIntervalMillis, int heartbeatTimeoutMillis, int heartbeatTtlMillis,
		int reconnectIntervalMillis, int reconnectMaxIntervalMillis, int lingerMillis, int sendHwm, int receiveHwm,
		int handshakeIntervalMillis, int backlog) {

	static AppliedOptions readFrom(ZMQ.Socket socket) {
		return new AppliedOptions(socket.getTCPKeepAlive(), socket.getTCPKeepAliveIdle(),
				socket.getTCPKeepAliveInterval(), socket.getTCPKeepAliveCount(), socket.getHeartbeatIvl(),
				socket.getHeartbeatTimeout(), socket.getHeartbeatTtl(), socket.getReconnectIVL(),
				socket.getReconnectIVLMax(), socket.getLinger(), socket.getSndHWM(), socket.getRcvHWM(),
				socket.getHandshakeIvl(), socket.getBacklog());
	}

}
