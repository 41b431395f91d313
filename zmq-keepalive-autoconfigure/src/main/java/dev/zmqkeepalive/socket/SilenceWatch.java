package dev.zmqkeepalive.socket;

import java.time.Duration;
import java.time.Instant;
import java.util.function.BiConsumer;

import org.jspecify.annotations.Nullable;

import dev.zmqkeepalive.event.ZmqSocketEventKind;

/**
 * Reports a receiving socket that has heard nothing for its silence timeout
 * ({@code silent}) and the first message after that ({@code resumed}). Runs on the
 * owning thread; time comes from the socket state's clock.
 *
 * @author zmq-keepalive
 */
final class SilenceWatch {

	private final @Nullable Duration timeout;

	private final SocketState state;

	private final BiConsumer<ZmqSocketEventKind, Instant> events;

	/**
	 * Create a watch.
	 * @param timeout the silence timeout, or {@code null} for none
	 * @param state the socket's state, where silence is recorded
	 * @param events where {@code silent} and {@code resumed} go
	 */
	SilenceWatch(@Nullable Duration timeout, SocketState state, BiConsumer<ZmqSocketEventKind, Instant> events) {
		this.timeout = timeout;
		this.state = state;
		this.events = events;
	}

	/** A message arrived: record it and end a silence. */
	void messageReceived(Instant at) {
		this.state.messageReceived(at);
		if (this.state.isSilent()) {
			this.state.silent(false);
			this.events.accept(ZmqSocketEventKind.RESUMED, at);
		}
	}

	/** Report silence once the timeout has passed without a message. */
	void check() {
		if (this.timeout != null && !this.state.isSilent() && this.state.quietFor(true).compareTo(this.timeout) > 0) {
			this.state.silent(true);
			this.events.accept(ZmqSocketEventKind.SILENT, this.state.now());
		}
	}

	/**
	 * How long until {@link #check()} may have something to report.
	 * @param max the longest answer
	 * @return milliseconds, at least 1 and at most {@code max}
	 */
	long millisUntilDue(long max) {
		if (this.timeout == null || this.state.isSilent()) {
			return max;
		}
		long remaining = this.timeout.minus(this.state.quietFor(true)).toMillis() + 1;
		return Math.max(1, Math.min(max, remaining));
	}

}
