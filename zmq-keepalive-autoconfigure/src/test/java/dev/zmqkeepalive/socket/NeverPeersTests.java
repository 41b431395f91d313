package dev.zmqkeepalive.socket;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.zmqkeepalive.RawZmtp;
import dev.zmqkeepalive.TestPorts;
import dev.zmqkeepalive.autoconfigure.ZmqKeepaliveAutoConfiguration;
import dev.zmqkeepalive.autoconfigure.metrics.ZmqMetricsAutoConfiguration;
import dev.zmqkeepalive.event.RecordedEvents;
import dev.zmqkeepalive.event.ZmqSocketEvent;
import dev.zmqkeepalive.event.ZmqSocketEventKind;
import dev.zmqkeepalive.metrics.ZmqSocketMetrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A connection that never completed its handshake was never a peer: refusing it (garbage,
 * an old ZMTP, an oversized frame in the handshake, a CURVE client the server does not
 * accept) or losing it before its handshake raises its refusal, never
 * {@code disconnected}, which means that a live peer went away, and does so exactly once.
 * Real sockets on both sides; the hostile bytes are written by the test.
 */
class NeverPeersTests {

	private static final Duration DEADLINE = Duration.ofSeconds(15);

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ZmqKeepaliveAutoConfiguration.class, ZmqMetricsAutoConfiguration.class))
		.withBean(RecordedEvents.class);

	@Test
	void connectionsRefusedAtTheHandshakeRaiseOnlyTheirRefusalAndALeavingPeerOneDisconnect() {
		int port = TestPorts.free();
		byte[] random = new byte[1024];
		new Random(11).nextBytes(random);
		random[0] = 0x47;
		byte[] oversizedCommand = new byte[9];
		oversizedCommand[0] = 0x06; // a command frame, long size: 2^20 bytes, over the 1KB limit
		oversizedCommand[6] = 0x10;
		List<byte[]> refused = List.of("GET / HTTP/1.1\r\nHost: example\r\n\r\n".getBytes(StandardCharsets.US_ASCII),
				random, RawZmtp.zmtp2Greeting(2), RawZmtp.concat(RawZmtp.nullGreeting(false), oversizedCommand));
		this.runner
			.withPropertyValues("zmq.keepalive.sockets.out.type=pub",
					"zmq.keepalive.sockets.out.bind=tcp://127.0.0.1:" + port,
					"zmq.keepalive.sockets.out.max-message-size=1KB")
			.run((context) -> {
				RecordedEvents events = context.getBean(RecordedEvents.class);
				ManagedSocket out = context.getBean(ManagedSocketRegistry.class).get("out");
				String goodPeer;
				try (HostilePeerTests.GoodSubscriber good = new HostilePeerTests.GoodSubscriber(port)) {
					good.awaitLink(context);
					goodPeer = out.state().livePeers().get(0).remoteAddress();
					List<String> strangers = new ArrayList<>();
					for (byte[] bytes : refused) {
						try (Socket stranger = new Socket("127.0.0.1", port)) {
							stranger.getOutputStream().write(bytes);
							stranger.getOutputStream().flush();
							assertThat(RawZmtp.closedWithin(stranger, Duration.ofSeconds(5))).isTrue();
							strangers.add("127.0.0.1:" + stranger.getLocalPort());
						}
					}
					await().atMost(DEADLINE)
						.untilAsserted(() -> assertThat(events.of("out", ZmqSocketEventKind.HANDSHAKE_FAILED))
							.extracting(ZmqSocketEvent::getRemoteAddress)
							.containsExactlyInAnyOrderElementsOf(strangers));
					good.assertStillReceives(context);
				}
				// The real peer leaves: its disconnected comes after every stranger's events.
				await().atMost(DEADLINE).until(() -> events.count("out", ZmqSocketEventKind.DISCONNECTED) > 0);
				assertThat(events.of("out", ZmqSocketEventKind.DISCONNECTED)).as("events %s", events.all())
					.singleElement()
					.extracting(ZmqSocketEvent::getRemoteAddress)
					.isEqualTo(goodPeer);
				assertThat(eventCount(context, "out", "disconnected")).isEqualTo(1.0);
				assertThat(eventCount(context, "out", "handshake-failed")).isEqualTo(4.0);
				assertThat(out.state().disconnects()).isOne();
			});
	}

	@Test
	void aCurveClientTheServerRefusesIsNeverReportedAsDisconnectedOnEitherSide() {
		ZMQ.Curve.KeyPair server = ZMQ.Curve.generateKeyPair();
		ZMQ.Curve.KeyPair listed = ZMQ.Curve.generateKeyPair();
		ZMQ.Curve.KeyPair stranger = ZMQ.Curve.generateKeyPair();
		int port = TestPorts.free();
		this.runner
			.withPropertyValues("zmq.keepalive.sockets.out.type=pub",
					"zmq.keepalive.sockets.out.bind=tcp://127.0.0.1:" + port,
					"zmq.keepalive.sockets.out.curve.public-key=" + server.publicKey,
					"zmq.keepalive.sockets.out.curve.secret-key=" + server.secretKey,
					"zmq.keepalive.sockets.out.curve.allowed-clients=" + listed.publicKey,
					"zmq.keepalive.sockets.in.type=sub", "zmq.keepalive.sockets.in.connect=tcp://127.0.0.1:" + port,
					"zmq.keepalive.sockets.in.curve.server-key=" + server.publicKey,
					"zmq.keepalive.sockets.in.curve.public-key=" + stranger.publicKey,
					"zmq.keepalive.sockets.in.curve.secret-key=" + stranger.secretKey,
					"zmq.keepalive.sockets.in.reconnect.interval=100ms",
					"zmq.keepalive.sockets.in.reconnect.max-interval=400ms")
			.run((context) -> {
				RecordedEvents events = context.getBean(RecordedEvents.class);
				// Three refusals in a row: the first two have been reported in full on both sides.
				await().atMost(DEADLINE)
					.until(() -> events.count("in", ZmqSocketEventKind.RECONNECT_SCHEDULED) >= 3);
				assertThat(events.of("out", ZmqSocketEventKind.HANDSHAKE_FAILED)).hasSizeGreaterThanOrEqualTo(2)
					.allSatisfy((event) -> assertThat(event.getReason()).contains("allow-list"));
				assertThat(events.of("in", ZmqSocketEventKind.HANDSHAKE_FAILED)).hasSizeGreaterThanOrEqualTo(2);
				assertThat(events.count("out", ZmqSocketEventKind.DISCONNECTED)).as("events %s", events.all()).isZero();
				assertThat(events.count("in", ZmqSocketEventKind.DISCONNECTED)).as("events %s", events.all()).isZero();
				assertThat(eventCount(context, "out", "disconnected")).isZero();
				assertThat(eventCount(context, "in", "disconnected")).isZero();
			});
	}

	@Test
	void aConnectToAPortNobodyListensOnIsRetriedNeverRefusedOrDisconnected() {
		String nowhere = TestPorts.unreachableEndpoint();
		this.runner
			.withPropertyValues("zmq.keepalive.sockets.in.type=sub", "zmq.keepalive.sockets.in.connect=" + nowhere,
					"zmq.keepalive.sockets.in.reconnect.interval=100ms",
					"zmq.keepalive.sockets.in.reconnect.max-interval=200ms")
			.run((context) -> {
				RecordedEvents events = context.getBean(RecordedEvents.class);
				await().atMost(DEADLINE).until(() -> events.count("in", ZmqSocketEventKind.CONNECT_RETRIED) >= 3);
				assertThat(events.all()).extracting(ZmqSocketEvent::getKind)
					.doesNotContain(ZmqSocketEventKind.CONNECTED, ZmqSocketEventKind.HANDSHAKE_FAILED,
							ZmqSocketEventKind.DISCONNECTED);
			});
	}

	@Test
	void aConnectionClosedBeforeItsHandshakeIsRefusedAndRetriedAndALivePeerLostIsOneDisconnect() throws IOException {
		int port = TestPorts.free();
		try (ServerSocket notZmq = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
			this.runner
				.withPropertyValues("zmq.keepalive.sockets.in.type=sub",
						"zmq.keepalive.sockets.in.connect=tcp://127.0.0.1:" + port,
						"zmq.keepalive.sockets.in.reconnect.interval=100ms",
						"zmq.keepalive.sockets.in.reconnect.max-interval=200ms")
				.run((context) -> {
					RecordedEvents events = context.getBean(RecordedEvents.class);
					for (int i = 0; i < 2; i++) {
						// Accepted and closed at once, before any greeting (a byte that is no
						// greeting would be a protocol error instead).
						notZmq.accept().close();
					}
					notZmq.close();
					// Each connection is over (refused, retry scheduled) before the next is made.
					await().atMost(DEADLINE)
						.until(() -> events.count("in", ZmqSocketEventKind.HANDSHAKE_FAILED) >= 1
								&& events.count("in", ZmqSocketEventKind.CONNECT_RETRIED) >= 1);
					assertThat(events.of("in", ZmqSocketEventKind.HANDSHAKE_FAILED)).first()
						.satisfies((event) -> assertThat(event.getReason()).contains("closed before completing"));
					assertThat(events.count("in", ZmqSocketEventKind.DISCONNECTED)).as("events %s", events.all())
						.isZero();

					ManagedSocket in = context.getBean(ManagedSocketRegistry.class).get("in");
					try (ZContext publisherContext = new ZContext(1)) {
						ZMQ.Socket publisher = publisherContext.createSocket(SocketType.PUB);
						publisher.setLinger(0);
						publisher.bind("tcp://127.0.0.1:" + port);
						await().atMost(DEADLINE).until(() -> in.state().livePeerCount() == 1);
					}
					long retriedBefore = events.count("in", ZmqSocketEventKind.CONNECT_RETRIED);
					// The live peer is gone; JeroMQ then retries, after the disconnect.
					await().atMost(DEADLINE)
						.until(() -> events.count("in", ZmqSocketEventKind.CONNECT_RETRIED) > retriedBefore + 1);
					assertThat(events.count("in", ZmqSocketEventKind.DISCONNECTED)).as("events %s", events.all())
						.isOne();
					assertThat(eventCount(context, "in", "disconnected")).isEqualTo(1.0);
				});
		}
	}

	private static double eventCount(AssertableApplicationContext context, String socket, String kind) {
		MeterRegistry meters = new SimpleMeterRegistry();
		context.getBean(ZmqSocketMetrics.class).bindTo(meters);
		return meters.get("zmq.socket.events").tag("socket", socket).tag("event", kind).functionCounter().count();
	}

}
