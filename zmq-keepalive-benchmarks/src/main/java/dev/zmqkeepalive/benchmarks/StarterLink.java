package dev.zmqkeepalive.benchmarks;

import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import dev.zmqkeepalive.core.ZmqTemplate;
import dev.zmqkeepalive.socket.ManagedSocketRegistry;

/**
 * The starter as an application uses it: a publishing and a subscribing Spring Boot
 * application (two contexts, each with its own ZeroMQ context, as two services would
 * have), sockets declared in properties with lossless settings (send-hwm 0,
 * receive-hwm 0), messages sent through {@link ZmqTemplate} and received by a
 * {@link dev.zmqkeepalive.socket.ZmqMessageListener} on the socket's owning thread.
 * Keepalive and heartbeat stay at the starter's defaults: that is what users get.
 *
 * @author zmq-keepalive
 */
final class StarterLink implements PubSubLink {

	static final String PUBLISHER = "bench-pub";

	static final String SUBSCRIBER = "bench-sub";

	private final ConfigurableApplicationContext publisherContext;

	private final ConfigurableApplicationContext subscriberContext;

	private final ZmqTemplate template;

	StarterLink(MessageSink sink) {
		this.publisherContext = application(PublisherConfiguration.class)
			.properties("zmq.keepalive.sockets." + PUBLISHER + ".type=pub",
					"zmq.keepalive.sockets." + PUBLISHER + ".bind=tcp://127.0.0.1:*",
					"zmq.keepalive.sockets." + PUBLISHER + ".send-hwm=0")
			.run();
		String endpoint = this.publisherContext.getBean(ManagedSocketRegistry.class)
			.get(PUBLISHER)
			.state()
			.boundEndpoints()
			.get(0);
		this.template = this.publisherContext.getBean(ZmqTemplate.class);
		this.subscriberContext = application(SubscriberConfiguration.class)
			.properties("zmq.keepalive.sockets." + SUBSCRIBER + ".type=sub",
					"zmq.keepalive.sockets." + SUBSCRIBER + ".connect=" + endpoint,
					"zmq.keepalive.sockets." + SUBSCRIBER + ".receive-hwm=0")
			// The sink is made before the context: hand it in as a ready-made bean.
			.initializers((context) -> context.getBeanFactory().registerSingleton("benchmarkSink", sink))
			.run();
	}

	private static SpringApplicationBuilder application(Class<?> configuration) {
		return new SpringApplicationBuilder(configuration).web(WebApplicationType.NONE)
			.bannerMode(Banner.Mode.OFF)
			.logStartupInfo(false)
			.properties("logging.level.root=warn");
	}

	@Override
	public String name() {
		return "starter";
	}

	@Override
	public void send(byte[] topic, byte[] payload) {
		this.template.send(PUBLISHER, topic, payload);
	}

	@Override
	public boolean concurrentSenders() {
		return true;
	}

	@Override
	public void close() {
		this.subscriberContext.close();
		this.publisherContext.close();
	}

}
