package dev.zmqkeepalive.natlab;

import java.util.HashMap;
import java.util.Map;

import org.zeromq.ZMQ;

/**
 * Command-line options of the plain JeroMQ lab processes: {@code --name=value} pairs.
 * Without options a socket keeps JeroMQ's defaults, which is the whole point of the
 * baseline: no TCP keepalive, no heartbeats.
 */
final class PlainJeromqOptions {

	private final Map<String, String> values = new HashMap<>();

	PlainJeromqOptions(String[] args) {
		for (String arg : args) {
			if (!arg.startsWith("--") || !arg.contains("=")) {
				throw new IllegalArgumentException("Expected --name=value, got " + arg);
			}
			this.values.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
		}
	}

	String get(String name, String defaultValue) {
		return this.values.getOrDefault(name, defaultValue);
	}

	/**
	 * Apply the optional {@code tcp-keepalive=idle,interval,count} (seconds) and
	 * {@code heartbeat=interval,timeout[,ttl]} and {@code reconnect=interval,max} (milliseconds);
	 * all must precede connect/bind.
	 */
	void applyTo(ZMQ.Socket socket) {
		String keepalive = this.values.get("tcp-keepalive");
		if (keepalive != null) {
			String[] parts = keepalive.split(",");
			socket.setTCPKeepAlive(1);
			socket.setTCPKeepAliveIdle(Integer.parseInt(parts[0]));
			socket.setTCPKeepAliveInterval(Integer.parseInt(parts[1]));
			socket.setTCPKeepAliveCount(Integer.parseInt(parts[2]));
		}
		String heartbeat = this.values.get("heartbeat");
		if (heartbeat != null) {
			String[] parts = heartbeat.split(",");
			socket.setHeartbeatIvl(Integer.parseInt(parts[0]));
			socket.setHeartbeatTimeout(Integer.parseInt(parts[1]));
			if (parts.length > 2) {
				socket.setHeartbeatTtl(Integer.parseInt(parts[2]));
			}
		}
		String reconnect = this.values.get("reconnect");
		if (reconnect != null) {
			String[] parts = reconnect.split(",");
			socket.setReconnectIVL(Integer.parseInt(parts[0]));
			socket.setReconnectIVLMax(Integer.parseInt(parts[1]));
		}
		socket.setLinger(0);
	}

}
