package dev.zmqkeepalive.natlab;

import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

/** Deadline-bound waits on kernel state the lab cannot be notified about. */
final class Waits {

	static final int PORT = 5556;

	private static final Duration POLL = Duration.ofMillis(100);

	private Waits() {
	}

	/** @return when the condition first held, or {@code null} at the deadline */
	static Instant until(BooleanSupplier condition, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (true) {
			if (condition.getAsBoolean()) {
				return Instant.now();
			}
			if (System.nanoTime() > deadline) {
				return null;
			}
			pause(POLL);
		}
	}

	/**
	 * Sleep on purpose: to create an idle period (that is the fault) or between polls of
	 * kernel state. Never a substitute for waiting on a condition.
	 */
	static void pause(Duration duration) {
		if (duration.isNegative() || duration.isZero()) {
			return;
		}
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
