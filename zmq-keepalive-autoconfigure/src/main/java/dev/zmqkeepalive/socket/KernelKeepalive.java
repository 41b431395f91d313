package dev.zmqkeepalive.socket;

import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.channels.NetworkChannel;

import jdk.net.ExtendedSocketOptions;
import org.jspecify.annotations.Nullable;

/**
 * TCP keepalive values read back from a connection's kernel socket with
 * {@code getsockopt}: what is really in force, not what was asked for. JeroMQ sets
 * idle, interval and count through {@code jdk.net} and silently skips them where that
 * is not available, so reading them back is the only proof.
 *
 * @param enabled {@code SO_KEEPALIVE}
 * @param idleSeconds {@code TCP_KEEPIDLE}, or {@code null} where the platform cannot
 * tell
 * @param intervalSeconds {@code TCP_KEEPINTVL}, or {@code null}
 * @param count {@code TCP_KEEPCNT}, or {@code null}
 */
public record KernelKeepalive(boolean enabled, @Nullable Integer idleSeconds, @Nullable Integer intervalSeconds,
		@Nullable Integer count) {

	/**
	 * Read the keepalive values of an open channel.
	 * @param channel the connection's channel
	 * @return the values, or {@code null} when the channel is closed
	 */
	public static @Nullable KernelKeepalive read(NetworkChannel channel) {
		try {
			boolean enabled = channel.getOption(StandardSocketOptions.SO_KEEPALIVE);
			return new KernelKeepalive(enabled, optional(channel, ExtendedSocketOptions.TCP_KEEPIDLE),
					optional(channel, ExtendedSocketOptions.TCP_KEEPINTERVAL),
					optional(channel, ExtendedSocketOptions.TCP_KEEPCOUNT));
		}
		catch (IOException | UnsupportedOperationException ex) {
			return null;
		}
	}

	private static @Nullable Integer optional(NetworkChannel channel, java.net.SocketOption<Integer> option)
			throws IOException {
		return channel.supportedOptions().contains(option) ? channel.getOption(option) : null;
	}

}
