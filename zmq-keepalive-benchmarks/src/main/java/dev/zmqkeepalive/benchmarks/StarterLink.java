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
 * <p>
 * The {@linkplain #withEnvelope envelope link} is the same pair with
 * {@code envelope: true} on both sockets, received as an application with the envelope
 * receives: by a {@code @ZmqListener} method (only those see the message without its
 * envelope frame, with loss counted) and with the age-on-arrival timer bound to a
 * meter registry. As a control it can run with the envelope off and everything else
 * the same, which separates the envelope's cost from the annotated listener's.
 *
 * @author zmq-keepalive
 */
final class StarterLink implements PubSubLink {

	static final String PUBLISHER = "bench-pub";

	static final String SUBSCRIBER = "bench-sub";

	private final ConfigurableApplicationContext publisherContext;

	private final ConfigurableApplicationContext subscriberContext;

	private final ZmqTemplate template;

	private final String name;

	/** The starter with a {@code ZmqMessageListener} and no envelope. */
	StarterLink(MessageSink sink) {
		this(sink, "starter", false, SubscriberConfiguration.class);
	}

	/**
	 * The starter received by a {@code @ZmqListener} method, with metrics.
	 * @param sink the sink
	 * @param envelope whether both sockets use the envelope (off: the control)
	 */
	static StarterLink withEnvelope(MessageSink sink, boolean envelope) {
		return new StarterLink(sink, envelope ? "starter+envelope" : "starter+@ZmqListener", envelope,
				EnvelopeSubscriberConfiguration.class);
	}

	private StarterLink(MessageSink sink, String name, boolean envelope, Class<?> subscriberConfiguration) {
		this.name = name;
		this.publisherContext = application(PublisherConfiguration.class)
			.properties("zmq.keepalive.sockets." + PUBLISHER + ".type=pub",
					"zmq.keepalive.sockets." + PUBLISHER + ".bind=tcp://127.0.0.1:*",
					"zmq.keepalive.sockets." + PUBLISHER + ".send-hwm=0",
					"zmq.keepalive.sockets." + PUBLISHER + ".envelope=" + envelope)
			.run();
		String endpoint = this.publisherContext.getBean(ManagedSocketRegistry.class)
			.get(PUBLISHER)
			.state()
			.boundEndpoints()
			.get(0);
		this.template = this.publisherContext.getBean(ZmqTemplate.class);
		this.subscriberContext = application(subscriberConfiguration)
			.properties("zmq.keepalive.sockets." + SUBSCRIBER + ".type=sub",
					"zmq.keepalive.sockets." + SUBSCRIBER + ".connect=" + endpoint,
					"zmq.keepalive.sockets." + SUBSCRIBER + ".receive-hwm=0",
					"zmq.keepalive.sockets." + SUBSCRIBER + ".envelope=" + envelope)
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
		return this.name;
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
