package dev.zmqkeepalive.benchmarks;

import java.util.concurrent.TimeUnit;

/**
 * Counts measured messages where it matters: at the subscriber. Written only by the
 * link's receiving thread; read by the benchmark thread while it waits.
 *
 * @author zmq-keepalive
 */
final class ReceiveCounter implements MessageSink {

	private final long expected;

	private volatile long received;

	private volatile long lastReceivedNanos;

	ReceiveCounter(long expected) {
		this.expected = expected;
	}

	@Override
	public void accept(byte[] topic, byte[] payload) {
		if (!Topics.isData(topic)) {
			return;
		}
		long count = this.received + 1; // single writer: no atomic needed
		if (count == this.expected) {
			// Before the count: a reader that sees every message arrived sees when the last
			// did. (Written after it, the waiting thread sometimes read 0 and the trial's
			// rate came out negative.)
			this.lastReceivedNanos = System.nanoTime();
		}
		this.received = count;
	}

	long received() {
		return this.received;
	}

	/** When the last expected message arrived, or 0 if it has not. */
	long lastReceivedNanos() {
		return this.lastReceivedNanos;
	}

	/**
	 * Wait until every expected message arrived, or until nothing arrived for
	 * {@code stallMillis}: then whatever is missing is counted as lost.
	 * @return whether every message arrived
	 */
	boolean awaitAll(long stallMillis) throws InterruptedException {
		long seen = -1;
		long lastProgress = System.nanoTime();
		while (this.received < this.expected) {
			long now = System.nanoTime();
			long count = this.received;
			if (count != seen) {
				seen = count;
				lastProgress = now;
			}
			else if (now - lastProgress > TimeUnit.MILLISECONDS.toNanos(stallMillis)) {
				return false;
			}
			Thread.sleep(1);
		}
		return true;
	}

}
