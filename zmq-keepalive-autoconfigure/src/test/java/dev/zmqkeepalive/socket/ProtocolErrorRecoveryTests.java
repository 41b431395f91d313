package dev.zmqkeepalive.socket;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.zmqkeepalive.RawZmtp;
import dev.zmqkeepalive.TestPorts;
import dev.zmqkeepalive.autoconfigure.ZmqKeepaliveAutoConfiguration;
import dev.zmqkeepalive.event.RecordedEvents;
import dev.zmqkeepalive.event.ZmqSocketEventKind;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A publisher breaks the protocol (a frame over the subscriber's max-message-size) and
 * JeroMQ gives the endpoint up for good; the starter must connect it again, so that the
 * subscriber receives once a well-behaved publisher is back on that endpoint.
 */
class ProtocolErrorRecoveryTests {

	private static final Duration DEADLINE = Duration.ofSeconds(15);

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ZmqKeepaliveAutoConfiguration.class))
		.withBean(RecordedEvents.class);

	@Test
	void aSubscriberReceivesAgainWhenAWellBehavedPublisherIsBackAfterAProtocolError() throws Exception {
		int port = TestPorts.free();
		try (ServerSocket hostile = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
			this.runner
				.withPropertyValues("zmq.keepalive.sockets.in.type=sub",
						"zmq.keepalive.sockets.in.connect=tcp://127.0.0.1:" + port,
						"zmq.keepalive.sockets.in.max-message-size=1KB",
						"zmq.keepalive.sockets.in.reconnect.interval=100ms",
						"zmq.keepalive.sockets.in.reconnect.max-interval=1s")
				.run((context) -> {
					try (Socket connection = hostile.accept()) {
						assertThat(RawZmtp.oversizedFrameClosedWithin(connection, Duration.ofSeconds(5))).isTrue();
					}
					hostile.close();
					RecordedEvents events = context.getBean(RecordedEvents.class);
					await().atMost(DEADLINE)
						.untilAsserted(() -> assertThat(events.of("in", ZmqSocketEventKind.PROTOCOL_ERROR))
							.as("events %s", events.all())
							.singleElement()
							.satisfies((event) -> assertThat(event.getReason()).contains("max-message-size")));
					ManagedSocket in = context.getBean(ManagedSocketRegistry.class).get("in");
					try (ZContext publisherContext = new ZContext(1)) {
						ZMQ.Socket publisher = publisherContext.createSocket(SocketType.PUB);
						publisher.setLinger(0);
						publisher.bind("tcp://127.0.0.1:" + port);
						await().atMost(DEADLINE).pollInterval(Duration.ofMillis(50)).until(() -> {
							publisher.sendMore("t");
							publisher.send("back");
							return in.state().messagesIn() > 0;
						});
					}
					assertThat(events.of("in", ZmqSocketEventKind.RECONNECT_SCHEDULED)).singleElement()
						.satisfies((event) -> assertThat(event.getReason()).contains("connecting again in 100ms"));
				});
		}
	}

}
