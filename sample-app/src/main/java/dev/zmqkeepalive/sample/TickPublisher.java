package dev.zmqkeepalive.sample;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

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
 * on topic {@code quotes}. At DEBUG it logs every message it hands to the socket
 * ({@code sent topic=ticks payload=tick <n>}, {@code sent quote <n>}): the NAT lab counts
 * what was lost from those lines and the subscriber's, next to the subscriber's own meter.
 */
@Component
@ConditionalOnProperty(name = "zmq.keepalive.sockets.ticks.type")
public class TickPublisher {

	private static final Log logger = LogFactory.getLog(TickPublisher.class);

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
		if (logger.isDebugEnabled()) {
			logger.debug("sent topic=ticks payload=tick " + n);
		}
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
		if (logger.isDebugEnabled()) {
			logger.debug("sent quote " + n);
		}
		return quote;
	}

}
