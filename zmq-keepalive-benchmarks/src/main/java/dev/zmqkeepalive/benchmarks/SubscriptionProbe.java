package dev.zmqkeepalive.benchmarks;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Waits until a subscriber really receives. A PUB drops everything sent before the
 * SUB's subscription reaches it (the "slow joiner"), so probes are published until one
 * arrives; the probes are not counted by any trial.
 *
 * @author zmq-keepalive
 */
final class SubscriptionProbe {

	private SubscriptionProbe() {
	}

	static void awaitDelivery(PubSubLink link, SinkSwitch sinks, Duration timeout) {
		CountDownLatch arrived = new CountDownLatch(1);
		sinks.use((topic, payload) -> {
			if (Topics.isSync(topic)) {
				arrived.countDown();
			}
		});
		long deadline = System.nanoTime() + timeout.toNanos();
		try {
			while (!arrived.await(10, TimeUnit.MILLISECONDS)) {
				if (System.nanoTime() > deadline) {
					throw new IllegalStateException(link.name() + ": subscriber received nothing within " + timeout);
				}
				link.send(Topics.SYNC, new byte[0]);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		finally {
			sinks.discard();
		}
	}

}
