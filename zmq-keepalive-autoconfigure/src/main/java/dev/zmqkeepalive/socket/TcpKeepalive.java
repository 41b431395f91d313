package dev.zmqkeepalive.socket;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * TCP keepalive settings applied to every TCP connection of a socket.
 *
 * @param enabled whether {@code SO_KEEPALIVE} is switched on
 * @param idle idle time before the first probe ({@code TCP_KEEPIDLE})
 * @param interval time between unanswered probes ({@code TCP_KEEPINTVL})
 * @param count unanswered probes before the connection is declared dead
 * ({@code TCP_KEEPCNT})
 */
public record TcpKeepalive(boolean enabled, Duration idle, Duration interval, int count) {

	/** Linux limit for {@code TCP_KEEPIDLE} and {@code TCP_KEEPINTVL}, in seconds. */
	public static final int MAX_SECONDS = 32767;

	/** Linux limit for {@code TCP_KEEPCNT}. */
	public static final int MAX_COUNT = 127;

	/** Keepalive switched off. */
	public static final TcpKeepalive OFF = new TcpKeepalive(false, Duration.ZERO, Duration.ZERO, 0);

	/**
	 * How long a silently dead path can go unnoticed: the idle time plus every
	 * unanswered probe.
	 * @return the detection time, or {@code null} when keepalive is off
	 */
	public @Nullable Duration detectionTime() {
		return this.enabled ? this.idle.plus(this.interval.multipliedBy(this.count)) : null;
	}

}
