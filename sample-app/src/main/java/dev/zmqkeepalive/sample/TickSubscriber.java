package dev.zmqkeepalive.sample;

import java.util.concurrent.atomic.AtomicLong;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

import dev.zmqkeepalive.listener.ZmqListener;

/**
 * Logs every message that arrives on {@code ticks-in}.
 */
@Component
@ConditionalOnProperty(name = "zmq.keepalive.sockets.ticks-in.type")
public class TickSubscriber {

	private static final Log logger = LogFactory.getLog(TickSubscriber.class);

	private final AtomicLong received = new AtomicLong();

	@ZmqListener(socket = "ticks-in")
	void onTick(String topic, String payload) {
		this.received.incrementAndGet();
		logger.info("received topic=" + topic + " payload=" + payload);
	}

	public long received() {
		return this.received.get();
	}

}
