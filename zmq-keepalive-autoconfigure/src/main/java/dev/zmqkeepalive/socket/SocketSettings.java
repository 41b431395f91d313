package dev.zmqkeepalive.socket;

import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Everything needed to open one managed socket: the effective, validated settings
 * after per-socket overrides have been applied to the global defaults.
 *
 * @param name socket name, unique and URL-safe
 * @param type socket type
 * @param bind endpoints to bind
 * @param connect endpoints to connect to
 * @param topics subscriptions of a {@code sub} socket, empty for all
 * @param tcpKeepalive TCP keepalive settings
 * @param heartbeat ZMTP heartbeat settings
 * @param reconnect reconnect back-off
 * @param silenceTimeout inbound silence reported as {@code silent}, or {@code null}
 * @param linger how long pending outbound messages may delay close
 * @param sendHwm send high-water mark, or {@code null} for JeroMQ's default
 * @param receiveHwm receive high-water mark, or {@code null} for JeroMQ's default
 * @param sendQueueCapacity messages accepted from callers but not yet handed to the
 * socket
 * @param sendTimeout how long a caller waits for room in a full send queue
 * @param handshakeTimeout how long a new connection may take to complete its ZMTP
 * handshake before it is dropped and made again
 * @param backlog accept queue length of bound TCP (and JeroMQ ipc) endpoints
 */
public record SocketSettings(String name, ZmqSocketType type, List<String> bind, List<String> connect,
		List<String> topics, TcpKeepalive tcpKeepalive, Heartbeat heartbeat, Reconnect reconnect,
		@Nullable Duration silenceTimeout, Duration linger, @Nullable Integer sendHwm, @Nullable Integer receiveHwm,
		int sendQueueCapacity, Duration sendTimeout, Duration handshakeTimeout, int backlog) {

	public SocketSettings {
		bind = List.copyOf(bind);
		connect = List.copyOf(connect);
		topics = List.copyOf(topics);
	}

	/** Whether this socket connects out (as opposed to binding and accepting peers). */
	public boolean connecting() {
		return !this.connect.isEmpty();
	}

	/** The endpoints this socket connects to, or else those it binds. */
	public List<String> endpoints() {
		return this.connecting() ? this.connect : this.bind;
	}

	/**
	 * The longest a dead or unreachable peer can go unnoticed with these settings: the
	 * quicker of TCP keepalive and heartbeats. Without either, the reconnect
	 * max-interval (a peer never reached is noticed when the first retry fails).
	 * @return the detection bound
	 */
	public Duration detectionBound() {
		Duration silence = silenceDetectionTime(this.tcpKeepalive, this.heartbeat);
		if (silence != null) {
			return silence;
		}
		return this.reconnect.maxInterval().isZero() ? this.reconnect.interval() : this.reconnect.maxInterval();
	}

	/**
	 * The longest a connection whose peer went silent (dead, hung, or behind a path that
	 * drops everything) can go unnoticed: the quicker of TCP keepalive and heartbeats.
	 * The one place this is worked out; the NAT lab checks its bounds with it.
	 * @param tcpKeepalive keepalive settings
	 * @param heartbeat heartbeat settings
	 * @return the detection time, or {@code null} when neither is on
	 */
	public static @Nullable Duration silenceDetectionTime(TcpKeepalive tcpKeepalive, Heartbeat heartbeat) {
		Duration tcp = tcpKeepalive.detectionTime();
		Duration beats = heartbeat.detectionTime();
		if (tcp != null && beats != null) {
			return (tcp.compareTo(beats) <= 0) ? tcp : beats;
		}
		return (tcp != null) ? tcp : beats;
	}

}
