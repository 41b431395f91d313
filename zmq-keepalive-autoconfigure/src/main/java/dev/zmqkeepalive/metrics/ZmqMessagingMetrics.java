package dev.zmqkeepalive.metrics;

import java.time.Duration;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;

import dev.zmqkeepalive.messaging.SocketMessaging;
import dev.zmqkeepalive.messaging.SocketMessagingRegistry;

/**
 * Meters for messages above ZeroMQ, tagged {@code socket} and {@code type}: payloads that
 * did not convert on every receiving socket, and, on receiving sockets with the envelope
 * on, messages lost (counted per publisher, summed here), messages without an envelope,
 * and the age of messages on arrival. No meter is tagged per publisher: instance ids are
 * unbounded (see {@code /actuator/zmq} for them).
 *
 * @author zmq-keepalive
 */
public class ZmqMessagingMetrics implements MeterBinder {

	private final SocketMessagingRegistry sockets;

	public ZmqMessagingMetrics(SocketMessagingRegistry sockets) {
		this.sockets = sockets;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		for (SocketMessaging socket : this.sockets.all()) {
			if (!socket.receives()) {
				continue;
			}
			Tags tags = Tags.of("socket", socket.name(), "type", socket.type());
			FunctionCounter.builder("zmq.socket.messages.conversion.failures", socket, SocketMessaging::conversionFailures)
				.tags(tags)
				.description("Messages whose payload did not convert to a listener's parameter (skipped)")
				.register(registry);
			if (socket.loss() == null) {
				continue;
			}
			FunctionCounter.builder("zmq.socket.messages.lost", socket, SocketMessaging::lost)
				.tags(tags)
				.description("Messages missing from the publishers' sequences, summed over publishers")
				.register(registry);
			FunctionCounter.builder("zmq.socket.messages.unframed", socket, SocketMessaging::unframed)
				.tags(tags)
				.description("Messages without a valid envelope on a socket that expects one (delivered)")
				.register(registry);
			Timer age = Timer.builder("zmq.socket.messages.age")
				.tags(tags)
				.description("Time from the sender's send to arrival, by the two hosts' clocks")
				.publishPercentileHistogram()
				.minimumExpectedValue(Duration.ofMillis(1))
				.maximumExpectedValue(Duration.ofMinutes(10))
				.register(registry);
			socket.recordAgesWith(age::record);
		}
	}

}
