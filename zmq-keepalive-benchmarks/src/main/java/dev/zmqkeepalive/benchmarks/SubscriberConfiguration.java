package dev.zmqkeepalive.benchmarks;

import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.zmqkeepalive.autoconfigure.ZmqKeepaliveAutoConfiguration;
import dev.zmqkeepalive.socket.ZmqMessageListener;
import dev.zmqkeepalive.socket.ManagedSocketRegistry;

/**
 * The subscribing application: the starter's auto-configuration and one listener that
 * forwards topic and payload to the benchmark's sink.
 *
 * @author zmq-keepalive
 */
@Configuration(proxyBeanMethods = false)
@ImportAutoConfiguration(ZmqKeepaliveAutoConfiguration.class)
class SubscriberConfiguration {

	/**
	 * Attached while the context is refreshed, before the registry starts the socket, so
	 * the listener sees every message (and the starter does not warn about a socket
	 * without listeners).
	 */
	@Bean
	ZmqMessageListener benchmarkListener(ManagedSocketRegistry registry, MessageSink benchmarkSink) {
		ZmqMessageListener listener = (message) -> benchmarkSink.accept(message.topic(), message.payload());
		registry.get(StarterLink.SUBSCRIBER).addListener(listener);
		return listener;
	}

}
