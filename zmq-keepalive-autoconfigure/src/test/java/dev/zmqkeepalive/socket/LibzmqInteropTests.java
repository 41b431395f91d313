package dev.zmqkeepalive.socket;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.zmqkeepalive.LibzmqPeer;
import dev.zmqkeepalive.TestPorts;
import dev.zmqkeepalive.autoconfigure.ZmqKeepaliveAutoConfiguration;
import dev.zmqkeepalive.core.ZmqTemplate;
import dev.zmqkeepalive.event.RecordedEvents;
import dev.zmqkeepalive.event.ZmqSocketEventKind;
import dev.zmqkeepalive.socket.ZmqMessage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Managed sockets against libzmq peers: messages both ways, and heartbeats that libzmq
 * answers so the connection stays up.
 */
class LibzmqInteropTests {

	private static final String LIBZMQ_PUBLISHER = """
			import sys, time, zmq
			ctx = zmq.Context()
			pub = ctx.socket(zmq.PUB)
			pub.setsockopt(zmq.LINGER, 0)
			pub.bind("tcp://127.0.0.1:" + sys.argv[1])
			end = time.time() + float(sys.argv[2])
			n = 0
			while time.time() < end:
			    pub.send_multipart([b"ticks", ("libzmq %d" % n).encode()])
			    n += 1
			    time.sleep(0.05)
			""";

	private static final String LIBZMQ_SUBSCRIBER = """
			import sys, zmq
			ctx = zmq.Context()
			sub = ctx.socket(zmq.SUB)
			sub.setsockopt(zmq.LINGER, 0)
			sub.setsockopt(zmq.SUBSCRIBE, b"ticks")
			sub.setsockopt(zmq.RCVTIMEO, 15000)
			sub.connect(sys.argv[1])
			for _ in range(3):
			    topic, payload = sub.recv_multipart()
			    assert topic == b"ticks", topic
			    assert payload.startswith(b"from jeromq"), payload
			print("libzmq subscriber received 3 messages")
			""";

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ZmqKeepaliveAutoConfiguration.class))
		.withBean(RecordedEvents.class);

	@BeforeAll
	static void libzmqIsAvailable() {
		LibzmqPeer.assumeAvailable();
	}

	@Test
	void managedSubscriberReceivesFromLibzmqPublisherWithHeartbeatsAnswered() throws Exception {
		int port = TestPorts.free();
		try (LibzmqPeer publisher = LibzmqPeer.run(LIBZMQ_PUBLISHER, String.valueOf(port), "40")) {
			this.runner
				.withPropertyValues("zmq.keepalive.sockets.in.type=sub",
						"zmq.keepalive.sockets.in.connect=tcp://127.0.0.1:" + port, "zmq.keepalive.sockets.in.topics=ticks",
						"zmq.keepalive.sockets.in.heartbeat.interval=500ms",
						"zmq.keepalive.sockets.in.heartbeat.timeout=2s")
				.run((context) -> {
					List<ZmqMessage> received = new CopyOnWriteArrayList<>();
					ManagedSocket in = context.getBean(ManagedSocketRegistry.class).get("in");
					in.addListener(received::add);
					await().atMost(Duration.ofSeconds(15)).until(() -> received.size() >= 5);
					assertThat(received.get(0).topicAsString()).isEqualTo("ticks");
					assertThat(received.get(0).payloadAsString()).startsWith("libzmq ");
					// Twelve heartbeat intervals later the one connection is still there: libzmq
					// answers PINGs.
					long messagesBefore = in.state().messagesIn();
					RecordedEvents events = context.getBean(RecordedEvents.class);
					await().during(Duration.ofSeconds(6))
						.atMost(Duration.ofSeconds(8))
						.until(() -> events.count("in", ZmqSocketEventKind.DISCONNECTED) == 0);
					assertThat(in.state().messagesIn()).isGreaterThan(messagesBefore);
				});
		}
	}

	@Test
	void libzmqSubscriberReceivesFromManagedPublisher() throws Exception {
		this.runner
			.withPropertyValues("zmq.keepalive.sockets.out.type=pub", "zmq.keepalive.sockets.out.bind=tcp://127.0.0.1:*")
			.run((context) -> {
				ManagedSocket out = context.getBean(ManagedSocketRegistry.class).get("out");
				try (LibzmqPeer subscriber = LibzmqPeer.run(LIBZMQ_SUBSCRIBER, out.state().boundEndpoints().get(0))) {
					await().atMost(Duration.ofSeconds(15)).until(() -> out.state().livePeerCount() == 1);
					ZmqTemplate template = context.getBean(ZmqTemplate.class);
					// A fresh subscription takes a moment to reach the publisher: keep
					// publishing until the subscriber has what it needs.
					await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(50)).until(() -> {
						template.send("out", "ticks", "from jeromq");
						return !subscriber.isRunning();
					});
					assertThat(subscriber.waitFor(5)).isZero();
				}
			});
	}

}
