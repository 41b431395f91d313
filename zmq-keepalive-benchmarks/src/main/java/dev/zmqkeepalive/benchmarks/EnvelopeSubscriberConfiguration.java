package dev.zmqkeepalive.benchmarks;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.zmqkeepalive.autoconfigure.ZmqKeepaliveAutoConfiguration;
import dev.zmqkeepalive.listener.ZmqListener;
import dev.zmqkeepalive.messaging.SocketMessagingRegistry;
import dev.zmqkeepalive.metrics.ZmqMessagingMetrics;

/**
 * The subscribing application of the envelope link: a {@code @ZmqListener} method, which
 * is what takes the envelope off and counts loss, and the messaging meters bound to a
 * meter registry, so every message's age on arrival is recorded in the
 * {@code zmq.socket.messages.age} timer (a percentile histogram) as it would be in an
 * application with metrics. The registry is bound here rather than through Spring Boot's
 * metrics auto-configuration, which this module does not have.
 *
 * @author zmq-keepalive
 */
@Configuration(proxyBeanMethods = false)
@ImportAutoConfiguration(ZmqKeepaliveAutoConfiguration.class)
class EnvelopeSubscriberConfiguration {

	@Bean
	MeterRegistry benchmarkMeterRegistry(SocketMessagingRegistry messaging) {
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		new ZmqMessagingMetrics(messaging).bindTo(registry);
		return registry;
	}

	@Bean
	EnvelopeListener benchmarkEnvelopeListener(MessageSink benchmarkSink) {
		return new EnvelopeListener(benchmarkSink);
	}

	static final class EnvelopeListener {

		private final MessageSink sink;

		EnvelopeListener(MessageSink sink) {
			this.sink = sink;
		}

		@ZmqListener(socket = StarterLink.SUBSCRIBER)
		void onMessage(byte[] topic, byte[] payload) {
			this.sink.accept(topic, payload);
		}

	}

}
