package dev.zmqkeepalive.natlab;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Waits for published ticks to show up in a subscriber's output. Only lines read after
 * {@code since} count: a restarted publisher numbers its ticks from 1 again.
 */
final class Deliveries {

	private static final Duration PROBE_WAIT = Duration.ofMillis(250);

	private Deliveries() {
	}

	/**
	 * Publish one message at a time until one arrives: PUB/SUB drops what is sent before the
	 * subscription has reached the publisher, so this is how to know the path works end to end.
	 * @return the line of the first message received, or empty at the deadline
	 */
	static Optional<OutputLine> awaitFirstDelivery(LabPublisher publisher, LabProcess subscriber, Instant since,
			Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			long tick = publisher.publish(1).get(0);
			Optional<OutputLine> line = subscriber.findLine(LabPatterns.received(tick), since, PROBE_WAIT);
			if (line.isPresent()) {
				return line;
			}
		}
		return Optional.empty();
	}

	/**
	 * Wait until every tick has arrived or the window has passed.
	 * @return the ticks that did not arrive
	 */
	static List<Long> missingAfter(List<Long> ticks, LabProcess subscriber, Instant since, Duration window) {
		long deadline = System.nanoTime() + window.toNanos();
		List<Long> missing = new ArrayList<>(ticks);
		while (true) {
			missing.removeIf((tick) -> !subscriber.linesMatching(LabPatterns.received(tick), since).isEmpty());
			long remaining = deadline - System.nanoTime();
			if (missing.isEmpty() || remaining <= 0) {
				return missing;
			}
			subscriber.findLine(LabPatterns.RECEIVED, Instant.now(), Duration.ofNanos(Math.min(remaining, 200_000_000)));
		}
	}

}
