package dev.zmqkeepalive.sample;

import java.util.concurrent.atomic.AtomicLong;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

import dev.zmqkeepalive.listener.ZmqListener;

/**
 * Logs every tick and every {@link Quote} that arrives on {@code ticks-in}: ticks as
 * text, quotes converted from JSON.
 */
@Component
@ConditionalOnProperty(name = "zmq.keepalive.sockets.ticks-in.type")
public class TickSubscriber {

	private static final Log logger = LogFactory.getLog(TickSubscriber.class);

	private final AtomicLong received = new AtomicLong();

	private final AtomicLong quotes = new AtomicLong();

	@ZmqListener(socket = "ticks-in", topics = "ticks")
	void onTick(String topic, String payload) {
		this.received.incrementAndGet();
		logger.info("received topic=" + topic + " payload=" + payload);
	}

	@ZmqListener(socket = "ticks-in", topics = "quotes")
	void onQuote(Quote quote) {
		this.quotes.incrementAndGet();
		logger.info("received quote " + quote.sequence() + ": " + quote.symbol() + " " + quote.price() + " at "
				+ quote.at());
	}

	/** Ticks received. */
	public long received() {
		return this.received.get();
	}

	/** Quotes received. */
	public long quotesReceived() {
		return this.quotes.get();
	}

}
