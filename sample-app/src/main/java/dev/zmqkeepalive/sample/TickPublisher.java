package dev.zmqkeepalive.sample;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;

import dev.zmqkeepalive.core.ZmqTemplate;

/**
 * Publishes {@code tick <n>} on topic {@code ticks}, every {@code sample.ticks.interval}
 * (0 switches the timer off) and on demand; with each timed tick, a {@link Quote} as JSON
 * on topic {@code quotes}.
 */
@Component
@ConditionalOnProperty(name = "zmq.keepalive.sockets.ticks.type")
public class TickPublisher {

	private final ZmqTemplate zmq;

	private final TaskScheduler scheduler;

	private final Duration interval;

	private final AtomicLong sequence = new AtomicLong();

	private final AtomicLong quotes = new AtomicLong();

	public TickPublisher(ZmqTemplate zmq, TaskScheduler scheduler,
			@Value("${sample.ticks.interval:1s}") Duration interval) {
		this.zmq = zmq;
		this.scheduler = scheduler;
		this.interval = interval;
	}

	@EventListener(ApplicationReadyEvent.class)
	void startTimer() {
		if (!this.interval.isZero()) {
			this.scheduler.scheduleAtFixedRate(() -> {
				publish();
				publishQuote();
			}, java.time.Instant.now().plus(this.interval), this.interval);
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

	/**
	 * Publish one quote, converted to JSON by the starter.
	 * @return the quote
	 */
	public Quote publishQuote() {
		long n = this.quotes.incrementAndGet();
		Quote quote = new Quote(n, "ACME", BigDecimal.valueOf(100 + (n % 50), 2), Instant.now());
		this.zmq.convertAndSend("ticks", "quotes", quote);
		return quote;
	}

}
