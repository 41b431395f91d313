package dev.zmqkeepalive.benchmarks;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Records one-way latency: the receive time minus the {@link System#nanoTime()} the
 * sender wrote into the first 8 bytes of the payload. Sender and receiver share the
 * process, so they share the clock. Written only by the receiving thread.
 *
 * @author zmq-keepalive
 */
final class LatencyRecorder implements MessageSink {

	private final long[] nanos;

	private volatile int count;

	LatencyRecorder(int expected) {
		this.nanos = new long[expected];
	}

	@Override
	public void accept(byte[] topic, byte[] payload) {
		long now = System.nanoTime();
		if (!Topics.isData(topic)) {
			return;
		}
		int index = this.count;
		if (index < this.nanos.length) {
			this.nanos[index] = now - ByteBuffer.wrap(payload).getLong(0);
		}
		this.count = index + 1; // single writer
	}

	int count() {
		return this.count;
	}

	/** The recorded latencies, sorted; call once every message arrived. */
	long[] sorted() {
		long[] copy = Arrays.copyOf(this.nanos, Math.min(this.count, this.nanos.length));
		Arrays.sort(copy);
		return copy;
	}

}
