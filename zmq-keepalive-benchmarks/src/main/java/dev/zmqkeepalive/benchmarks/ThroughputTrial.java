package dev.zmqkeepalive.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;

/**
 * Sends a fixed number of messages as fast as the senders can and measures how fast the
 * subscriber receives them: from the moment the senders are released to the arrival of
 * the last message.
 *
 * @author zmq-keepalive
 */
final class ThroughputTrial {

	/** No message for this long means the rest are not coming. */
	private static final long STALL_MILLIS = 5_000;

	private final PubSubLink link;

	private final SinkSwitch sinks;

	ThroughputTrial(PubSubLink link, SinkSwitch sinks) {
		this.link = link;
		this.sinks = sinks;
	}

	ThroughputResult run(int senders, int messages, byte[] payload) throws InterruptedException {
		if (senders > 1 && !this.link.concurrentSenders()) {
			throw new IllegalArgumentException(this.link.name() + " takes one sending thread only");
		}
		int perSender = messages / senders;
		long total = (long) perSender * senders;
		ReceiveCounter counter = new ReceiveCounter(total);
		this.sinks.use(counter);
		CountDownLatch go = new CountDownLatch(1);
		AtomicReference<@Nullable Throwable> failure = new AtomicReference<>();
		List<Thread> threads = new ArrayList<>();
		for (int i = 0; i < senders; i++) {
			Thread thread = new Thread(() -> send(go, perSender, payload, failure), "bench-sender-" + i);
			thread.start();
			threads.add(thread);
		}
		long start = System.nanoTime();
		go.countDown();
		for (Thread thread : threads) {
			thread.join();
		}
		boolean complete = counter.awaitAll(STALL_MILLIS);
		long end = complete ? counter.lastReceivedNanos() : System.nanoTime() - STALL_MILLIS * 1_000_000;
		this.sinks.discard();
		if (failure.get() != null) {
			throw new IllegalStateException(this.link.name() + ": a sender failed", failure.get());
		}
		return new ThroughputResult(this.link.name(), senders, total, counter.received(), end - start);
	}

	private void send(CountDownLatch go, int count, byte[] payload, AtomicReference<@Nullable Throwable> failure) {
		try {
			go.await();
			for (int i = 0; i < count; i++) {
				this.link.send(Topics.DATA, payload);
			}
		}
		catch (Throwable ex) {
			failure.compareAndSet(null, ex);
		}
	}

}
