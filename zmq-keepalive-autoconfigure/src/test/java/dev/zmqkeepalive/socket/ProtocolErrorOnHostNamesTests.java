package dev.zmqkeepalive.socket;

import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.zmqkeepalive.TestPorts;
import dev.zmqkeepalive.autoconfigure.ZmqKeepaliveAutoConfiguration;
import dev.zmqkeepalive.event.RecordedEvents;
import dev.zmqkeepalive.event.ZmqSocketEvent;
import dev.zmqkeepalive.event.ZmqSocketEventKind;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A subscriber connects to two publishers by host name on one port; one of them sends a
 * frame over the subscriber's max-message-size, and JeroMQ gives that endpoint up,
 * reporting it by the address it had resolved. The starter must find which configured
 * endpoint that was (a lookup, on a thread of its own) and connect it again, so that
 * the subscriber hears from that publisher again after the back-off. The names resolve
 * through a hosts file the test writes ({@code jdk.net.hosts.file}, caching off, set by
 * the surefire execution {@code host-lookup}) to 127.0.0.1, 127.0.0.2 and 127.0.0.3, all
 * on Linux's loopback.
 */
class ProtocolErrorOnHostNamesTests {

	private static final Duration DEADLINE = Duration.ofSeconds(15);

	private static final String PUB_A = "pub-a.zmq.test";

	private static final String PUB_B = "pub-b.zmq.test";

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ZmqKeepaliveAutoConfiguration.class))
		.withBean(RecordedEvents.class);

	private final ZContext publishers = new ZContext(1);

	private final int port = TestPorts.free();

	private HostsFile hosts;

	@BeforeEach
	void hostsFile() throws IOException {
		this.hosts = HostsFile.ofThisJvm();
		this.hosts.resolve("127.0.0.1 " + PUB_A, "127.0.0.2 " + PUB_B);
	}

	@AfterEach
	void closePublishers() {
		this.publishers.close();
	}

	@Test
	void aPublisherGivenUpAfterAProtocolErrorIsHeardFromAgainWhenTwoHostNamesShareAPort() {
		ZMQ.Socket a = publisher("127.0.0.1");
		ZMQ.Socket b = publisher("127.0.0.2");
		this.runner.withPropertyValues(subscriber()).run((context) -> {
			ManagedSocket in = context.getBean(ManagedSocketRegistry.class).get("in");
			Set<String> received = listen(in);
			awaitFrom(a, "a", received);
			awaitFrom(b, "b", received);

			b.sendMore("t");
			b.send(new byte[2048]);
			RecordedEvents events = context.getBean(RecordedEvents.class);
			await().atMost(DEADLINE)
				.untilAsserted(() -> assertThat(events.of("in", ZmqSocketEventKind.PROTOCOL_ERROR))
					.singleElement()
					.extracting(ZmqSocketEvent::getEndpoint)
					.isEqualTo("tcp://127.0.0.2:" + this.port));

			awaitFrom(b, "b again", received);
			awaitFrom(a, "a again", received);
			assertThat(events.of("in", ZmqSocketEventKind.RECONNECT_SCHEDULED)).singleElement()
				.extracting(ZmqSocketEvent::getEndpoint)
				.isEqualTo("tcp://" + PUB_B + ":" + this.port);
		});
	}

	@Test
	void aPublisherGivenUpAfterAProtocolErrorIsConnectedAgainAtItsNewAddressWhenItsNameMoved() throws IOException {
		ZMQ.Socket a = publisher("127.0.0.1");
		ZMQ.Socket b = publisher("127.0.0.2");
		ZMQ.Socket movedB = publisher("127.0.0.3");
		this.runner.withPropertyValues(subscriber()).run((context) -> {
			ManagedSocket in = context.getBean(ManagedSocketRegistry.class).get("in");
			Set<String> received = listen(in);
			awaitFrom(a, "a", received);
			awaitFrom(b, "b", received);

			// The name moves: no name resolves to the address JeroMQ gives up any more.
			this.hosts.resolve("127.0.0.1 " + PUB_A, "127.0.0.3 " + PUB_B);
			b.sendMore("t");
			b.send(new byte[2048]);

			awaitFrom(movedB, "b at its new address", received);
			awaitFrom(a, "a again", received);
			RecordedEvents events = context.getBean(RecordedEvents.class);
			assertThat(events.of("in", ZmqSocketEventKind.RECONNECT_SCHEDULED)).singleElement()
				.extracting(ZmqSocketEvent::getEndpoint)
				.isEqualTo("tcp://" + PUB_B + ":" + this.port);
		});
	}

	@Test
	void anEndpointWhoseHostDoesNotResolveWhenItIsDueIsConnectedOnceItResolvesAgain() throws IOException {
		ZMQ.Socket b = publisher("127.0.0.2");
		this.runner
			.withPropertyValues("zmq.keepalive.sockets.in.type=sub",
					"zmq.keepalive.sockets.in.connect=tcp://" + PUB_B + ":" + this.port,
					"zmq.keepalive.sockets.in.max-message-size=1KB", "zmq.keepalive.sockets.in.reconnect.interval=100ms",
					"zmq.keepalive.sockets.in.reconnect.max-interval=1s")
			.run((context) -> {
				ManagedSocket in = context.getBean(ManagedSocketRegistry.class).get("in");
				Set<String> received = listen(in);
				awaitFrom(b, "b", received);

				// A DNS outage: JeroMQ looks the host up again in connect, on the owning thread.
				this.hosts.resolve();
				b.sendMore("t");
				b.send(new byte[2048]);
				RecordedEvents events = context.getBean(RecordedEvents.class);
				await().atMost(DEADLINE)
					.untilAsserted(() -> assertThat(events.of("in", ZmqSocketEventKind.RECONNECT_SCHEDULED))
						.extracting(ZmqSocketEvent::getReason)
						.anySatisfy((reason) -> assertThat(reason).contains("host '" + PUB_B + "' does not resolve")));

				this.hosts.resolve("127.0.0.2 " + PUB_B);
				awaitFrom(b, "b after the outage", received);
			});
	}

	private String[] subscriber() {
		return new String[] { "zmq.keepalive.sockets.in.type=sub",
				"zmq.keepalive.sockets.in.connect=tcp://" + PUB_A + ":" + this.port + ",tcp://" + PUB_B + ":"
						+ this.port,
				"zmq.keepalive.sockets.in.max-message-size=1KB", "zmq.keepalive.sockets.in.reconnect.interval=100ms",
				"zmq.keepalive.sockets.in.reconnect.max-interval=1s" };
	}

	private ZMQ.Socket publisher(String address) {
		ZMQ.Socket publisher = this.publishers.createSocket(SocketType.PUB);
		publisher.setLinger(0);
		publisher.bind("tcp://" + address + ":" + this.port);
		return publisher;
	}

	private static Set<String> listen(ManagedSocket in) {
		Set<String> received = ConcurrentHashMap.newKeySet();
		in.addListener((message) -> received.add(message.payloadAsString()));
		return received;
	}

	/** Publish until the subscriber has the payload. */
	private static void awaitFrom(ZMQ.Socket publisher, String payload, Set<String> received) {
		await().atMost(DEADLINE).pollInterval(Duration.ofMillis(50)).until(() -> {
			publisher.sendMore("t");
			publisher.send(payload);
			return received.contains(payload);
		});
	}

}
