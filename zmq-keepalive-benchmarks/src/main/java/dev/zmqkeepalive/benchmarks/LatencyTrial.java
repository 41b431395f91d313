package dev.zmqkeepalive.benchmarks;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Sends at a modest fixed rate, far below saturation, so what is measured is the time a
 * message spends on its way (hand-offs, wake-ups, I/O threads), not queueing behind a
 * backlog. The sender sleeps between messages instead of spinning: on two cores a
 * spinning sender would steal the CPU the I/O threads need. A sleep overshoots by tens
 * of microseconds, so when it wakes late the sender catches up by sending every message
 * that is due, each stamped with its actual send time.
 *
 * @author zmq-keepalive
 */
final class LatencyTrial {

	private static final long STALL_MILLIS = 5_000;

	private final PubSubLink link;

	private final SinkSwitch sinks;

	LatencyTrial(PubSubLink link, SinkSwitch sinks) {
		this.link = link;
		this.sinks = sinks;
	}

	LatencyResult run(int ratePerSecond, Duration duration, int payloadSize) throws InterruptedException {
		int messages = (int) (ratePerSecond * duration.toMillis() / 1_000);
		long interval = TimeUnit.SECONDS.toNanos(1) / ratePerSecond;
		LatencyRecorder recorder = new LatencyRecorder(messages);
		this.sinks.use(recorder);
		long start = System.nanoTime();
		int sent = 0;
		while (sent < messages) {
			long due = start + sent * interval;
			long wait = due - System.nanoTime();
			if (wait > 0) {
				LockSupport.parkNanos(wait);
				continue;
			}
			// A fresh array per message: the template keeps a reference until it is sent.
			byte[] payload = new byte[payloadSize];
			ByteBuffer.wrap(payload).putLong(0, System.nanoTime());
			this.link.send(Topics.DATA, payload);
			sent++;
		}
		awaitAll(recorder, messages);
		this.sinks.discard();
		return LatencyResult.of(this.link.name(), messages, recorder.sorted());
	}

	private static void awaitAll(LatencyRecorder recorder, int expected) throws InterruptedException {
		int seen = -1;
		long lastProgress = System.nanoTime();
		while (recorder.count() < expected
				&& System.nanoTime() - lastProgress < TimeUnit.MILLISECONDS.toNanos(STALL_MILLIS)) {
			if (recorder.count() != seen) {
				seen = recorder.count();
				lastProgress = System.nanoTime();
			}
			Thread.sleep(1);
		}
	}

}
