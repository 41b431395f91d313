package dev.zmqkeepalive.sample;

import java.util.concurrent.atomic.AtomicLong;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import dev.zmqkeepalive.core.ZmqTemplate;

/**
 * Publishes {@code tick <n>} on topic {@code ticks}, every {@code sample.ticks.interval}
 * (0 switches the timer off) and on demand.
 */
@Component
@ConditionalOnProperty(name = "zmq.keepalive.sockets.ticks.type")
public class TickPublisher {

	private final ZmqTemplate zmq;

	private final AtomicLong sequence = new AtomicLong();

	private final boolean timerEnabled;

	public TickPublisher(ZmqTemplate zmq, @Value("${sample.ticks.interval:1s}") java.time.Duration interval) {
		this.zmq = zmq;
		this.timerEnabled = !interval.isZero();
	}

	@Scheduled(fixedRateString = "${sample.ticks.interval:1s}", initialDelayString = "${sample.ticks.interval:1s}")
	void tick() {
		if (this.timerEnabled) {
			publish();
		}
	}

	/**
	 * Publish one tick.
	 * @return its sequence number
	 */
	public long publish() {
		long n = this.sequence.incrementAndGet();
		this.zmq.send("ticks", "ticks", "tick " + n);
		return n;
	}

}
