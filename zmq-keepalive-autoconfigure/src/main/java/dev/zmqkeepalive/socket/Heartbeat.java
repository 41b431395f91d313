package dev.zmqkeepalive.socket;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * ZMTP 3.1 heartbeat settings ({@code ZMQ_HEARTBEAT_IVL}, {@code _TIMEOUT},
 * {@code _TTL}).
 *
 * @param interval time between PINGs, zero when heartbeats are off
 * @param timeout time to wait for any traffic after a PING before the connection is
 * dropped
 * @param ttl time the peer should wait for traffic before dropping the connection
 */
public record Heartbeat(Duration interval, Duration timeout, Duration ttl) {

	/** JeroMQ carries the TTL in tenths of a second in 16 bits, capped at 6553. */
	public static final Duration MAX_TTL = Duration.ofMillis(655_300);

	/** Heartbeats switched off. */
	public static final Heartbeat OFF = new Heartbeat(Duration.ZERO, Duration.ZERO, Duration.ZERO);

	public boolean enabled() {
		return !this.interval.isZero();
	}

	/**
	 * How long a dead peer can go unnoticed: one interval until the next PING, then the
	 * timeout.
	 * @return the detection time, or {@code null} when heartbeats are off
	 */
	public @Nullable Duration detectionTime() {
		return enabled() ? this.interval.plus(this.timeout) : null;
	}

}
