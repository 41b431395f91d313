package dev.zmqkeepalive.natlab;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.zmqkeepalive.socket.Heartbeat;
import dev.zmqkeepalive.socket.SocketSettings;
import dev.zmqkeepalive.socket.TcpKeepalive;

/**
 * The subscriber's liveness settings in a scenario, and the detection and recovery bounds
 * that follow from them. A {@code null} keepalive idle or heartbeat interval means off.
 *
 * @param keepaliveIdle TCP keepalive idle time
 * @param keepaliveInterval TCP keepalive probe interval
 * @param keepaliveCount unanswered probes before the kernel gives up
 * @param heartbeatInterval ZMTP PING interval
 * @param heartbeatTimeout how long without traffic after a PING before disconnecting
 * @param reconnectInterval first reconnect delay
 * @param reconnectMaxInterval reconnect back-off ceiling
 * @param heartbeatTtl the TTL the subscriber's PINGs carry; {@code null} leaves the
 * starter's default (45 s)
 */
record LinkSettings(Duration keepaliveIdle, Duration keepaliveInterval, int keepaliveCount,
		Duration heartbeatInterval, Duration heartbeatTimeout, Duration reconnectInterval,
		Duration reconnectMaxInterval, Duration heartbeatTtl) {

	/**
	 * Added to every computed bound: event delivery through the monitor, the lab's
	 * line reading, and the 250 ms publish probe during recovery.
	 */
	static final Duration TOLERANCE = Duration.ofSeconds(1);

	static LinkSettings keepaliveOnly(int idleSeconds, int intervalSeconds, int count) {
		return new LinkSettings(Duration.ofSeconds(idleSeconds), Duration.ofSeconds(intervalSeconds), count, null, null,
				Duration.ofMillis(100), Duration.ofSeconds(2), null);
	}

	static LinkSettings heartbeatOnly(Duration interval, Duration timeout) {
		return new LinkSettings(null, null, 0, interval, timeout, Duration.ofMillis(100), Duration.ofSeconds(2), null);
	}

	LinkSettings withHeartbeat(Duration interval, Duration timeout) {
		return new LinkSettings(this.keepaliveIdle, this.keepaliveInterval, this.keepaliveCount, interval, timeout,
				this.reconnectInterval, this.reconnectMaxInterval, this.heartbeatTtl);
	}

	/** The same settings with the subscriber's PINGs carrying this TTL. */
	LinkSettings withHeartbeatTtl(Duration ttl) {
		return new LinkSettings(this.keepaliveIdle, this.keepaliveInterval, this.keepaliveCount, this.heartbeatInterval,
				this.heartbeatTimeout, this.reconnectInterval, this.reconnectMaxInterval, ttl);
	}

	boolean keepaliveEnabled() {
		return this.keepaliveIdle != null;
	}

	boolean heartbeatEnabled() {
		return this.heartbeatInterval != null;
	}

	/** A silent path is noticed by keepalive after idle + count x interval (from the last packet). */
	Duration keepaliveDetectionBound() {
		return SocketSettings.silenceDetectionTime(tcpKeepalive(), Heartbeat.OFF).plus(TOLERANCE);
	}

	/** A silent peer is noticed by heartbeats after at most one interval (next PING) plus the timeout. */
	Duration heartbeatDetectionBound() {
		return SocketSettings.silenceDetectionTime(TcpKeepalive.OFF, heartbeat()).plus(TOLERANCE);
	}

	/**
	 * The binding side drops a silent subscriber when the TTL carried by its last PING runs
	 * out: at most the TTL after the fault, once a PING has arrived.
	 */
	Duration ttlDetectionBound() {
		return this.heartbeatTtl.plus(TOLERANCE);
	}

	/** The tightest bound among the enabled mechanisms, as the starter computes it. */
	Duration silenceDetectionBound() {
		return SocketSettings.silenceDetectionTime(tcpKeepalive(), heartbeat()).plus(TOLERANCE);
	}

	private TcpKeepalive tcpKeepalive() {
		return keepaliveEnabled()
				? new TcpKeepalive(true, this.keepaliveIdle, this.keepaliveInterval, this.keepaliveCount) : TcpKeepalive.OFF;
	}

	private Heartbeat heartbeat() {
		return heartbeatEnabled() ? new Heartbeat(this.heartbeatInterval, this.heartbeatTimeout,
				(this.heartbeatTtl != null) ? this.heartbeatTtl : Duration.ZERO) : Heartbeat.OFF;
	}

	/** Once the path is back, the next reconnect attempt comes within the back-off ceiling. */
	Duration recoveryBound() {
		return this.reconnectMaxInterval.plus(TOLERANCE);
	}

	String describe() {
		List<String> parts = new ArrayList<>();
		parts.add(keepaliveEnabled() ? "keepalive " + s(this.keepaliveIdle) + "/" + s(this.keepaliveInterval) + "x"
				+ this.keepaliveCount : "keepalive off");
		parts.add(heartbeatEnabled() ? "heartbeat " + s(this.heartbeatInterval) + "/" + s(this.heartbeatTimeout)
				+ ((this.heartbeatTtl != null) ? " TTL " + s(this.heartbeatTtl) : "") : "heartbeat off");
		parts.add("reconnect " + this.reconnectInterval.toMillis() + "ms..." + s(this.reconnectMaxInterval));
		return String.join(", ", parts);
	}

	private static String s(Duration duration) {
		return (duration.toMillis() % 1000 == 0) ? duration.toSeconds() + "s" : duration.toMillis() + "ms";
	}

}
