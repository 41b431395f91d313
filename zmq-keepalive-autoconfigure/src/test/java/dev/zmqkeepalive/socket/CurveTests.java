package dev.zmqkeepalive.socket;

import java.net.InetSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import dev.zmqkeepalive.RawZmtp;
import dev.zmqkeepalive.TestPorts;
import dev.zmqkeepalive.autoconfigure.ZmqKeepaliveAutoConfiguration;
import dev.zmqkeepalive.autoconfigure.actuate.ZmqEndpointAutoConfiguration;
import dev.zmqkeepalive.autoconfigure.health.ZmqHealthContributorAutoConfiguration;
import dev.zmqkeepalive.autoconfigure.metrics.ZmqMetricsAutoConfiguration;
import dev.zmqkeepalive.core.ZmqTemplate;
import dev.zmqkeepalive.actuate.ZmqEndpoint;
import dev.zmqkeepalive.event.RecordedEvents;
import dev.zmqkeepalive.event.ZmqSocketEvent;
import dev.zmqkeepalive.event.ZmqSocketEventKind;
import dev.zmqkeepalive.metrics.ZmqSocketMetrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * CURVE from properties between real sockets: a server with an allow-list, a client with
 * the server's key; strangers with the wrong keys, unlisted keys or no CURVE at all are
 * refused, named and counted, and no key ever shows.
 */
@ExtendWith(OutputCaptureExtension.class)
class CurveTests {

	private static final Duration DEADLINE = Duration.ofSeconds(15);

	private static final ZMQ.Curve.KeyPair SERVER = ZMQ.Curve.generateKeyPair();

	private static final ZMQ.Curve.KeyPair CLIENT = ZMQ.Curve.generateKeyPair();

	private static final ZMQ.Curve.KeyPair STRANGER = ZMQ.Curve.generateKeyPair();

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ZmqKeepaliveAutoConfiguration.class, ZmqMetricsAutoConfiguration.class,
				ZmqHealthContributorAutoConfiguration.class, ZmqEndpointAutoConfiguration.class))
		.withBean(RecordedEvents.class)
		.withPropertyValues("management.endpoints.web.exposure.include=zmq");

	@Test
	void anAllowedClientReceivesStrangersAreRefusedNamedAndCountedAndNoKeyShows(CapturedOutput output) {
		int port = TestPorts.free();
		this.runner
			.withPropertyValues("zmq.keepalive.sockets.out.type=pub",
					"zmq.keepalive.sockets.out.bind=tcp://127.0.0.1:" + port,
					"zmq.keepalive.sockets.out.curve.public-key=" + SERVER.publicKey,
					"zmq.keepalive.sockets.out.curve.secret-key=" + SERVER.secretKey,
					"zmq.keepalive.sockets.out.curve.allowed-clients=" + CLIENT.publicKey,
					"zmq.keepalive.sockets.in.type=sub", "zmq.keepalive.sockets.in.connect=tcp://127.0.0.1:" + port,
					"zmq.keepalive.sockets.in.curve.server-key=" + SERVER.publicKey,
					"zmq.keepalive.sockets.in.curve.public-key=" + CLIENT.publicKey,
					"zmq.keepalive.sockets.in.curve.secret-key=" + CLIENT.secretKey,
					// Heartbeats through CURVE: a PING unanswered within 300 ms would drop the link.
					"zmq.keepalive.heartbeat.interval=100ms", "zmq.keepalive.heartbeat.timeout=300ms",
					"zmq.keepalive.heartbeat.ttl=1s")
			.run((context) -> {
				ManagedSocket in = context.getBean(ManagedSocketRegistry.class).get("in");
				awaitDelivery(context, in);
				RecordedEvents events = context.getBean(RecordedEvents.class);

				String stranger = refusedClient(port, SERVER.publicKey, STRANGER);
				assertRefused(events, stranger, "allow-list");
				String wrongServer = refusedClient(port, STRANGER.publicKey, CLIENT);
				assertRefused(events, wrongServer, "CURVE handshake failed");
				// A NULL peer that stays to hear the answer (a JeroMQ one may hang up first,
				// having seen the server's CURVE greeting itself).
				try (java.net.Socket plain = new java.net.Socket("127.0.0.1", port)) {
					plain.getOutputStream().write(RawZmtp.nullGreeting(false));
					assertThat(RawZmtp.closedWithin(plain, Duration.ofSeconds(5))).isTrue();
					assertRefused(events, "127.0.0.1:" + plain.getLocalPort(), "mechanism mismatch");
				}
				// A refused JeroMQ client may try again, and each try is refused.
				assertThat(eventCount(context, "handshake-failed")).isGreaterThanOrEqualTo(3.0);

				// Idle for ten heartbeat timeouts: PINGs and PONGs cross CURVE.
				long before = in.state().messagesIn();
				await().during(Duration.ofSeconds(3))
					.atMost(Duration.ofSeconds(5))
					.until(() -> events.count("in", ZmqSocketEventKind.DISCONNECTED) == 0);
				assertThat(events.count("in", ZmqSocketEventKind.HANDSHAKE_SUCCEEDED)).isEqualTo(1);
				// TCP keepalive as configured on the CURVE connection, read back from the kernel.
				assertThat(in.state().livePeers()).singleElement()
					.satisfies((peer) -> assertThat(peer.kernelKeepalive()).isNotNull()
						.satisfies((keepalive) -> {
							assertThat(keepalive.enabled()).isTrue();
							assertThat(keepalive.idleSeconds()).isEqualTo(60);
						}));
				awaitDelivery(context, in);
				assertThat(in.state().messagesIn()).isGreaterThan(before);

				HealthIndicator health = (HealthIndicator) context
					.getBean("zmqHealthContributor", CompositeHealthContributor.class)
					.getContributor("out");
				String shown = health.health().toString() + context.getBean(ZmqEndpoint.class).socket("out")
						+ context.getBean(ZmqEndpoint.class).socket("in") + events.all() + output.getAll()
						+ context.getBean(ManagedSocketRegistry.class).get("out").settings();
				for (ZMQ.Curve.KeyPair pair : new ZMQ.Curve.KeyPair[] { SERVER, CLIENT, STRANGER }) {
					assertThat(shown).doesNotContain(pair.secretKey).doesNotContain(pair.publicKey);
				}
				assertThat(shown).contains(SERVER.publicKey.substring(0, CurveKey.FINGERPRINT_LENGTH));
			});
	}

	@Test
	void aManagedClientTheServerRefusesTriesAgainWithAGrowingBackOff() {
		int port = TestPorts.free();
		this.runner
			.withPropertyValues("zmq.keepalive.sockets.out.type=pub",
					"zmq.keepalive.sockets.out.bind=tcp://127.0.0.1:" + port,
					"zmq.keepalive.sockets.out.curve.public-key=" + SERVER.publicKey,
					"zmq.keepalive.sockets.out.curve.secret-key=" + SERVER.secretKey,
					"zmq.keepalive.sockets.out.curve.allowed-clients=" + CLIENT.publicKey,
					"zmq.keepalive.sockets.in.type=sub", "zmq.keepalive.sockets.in.connect=tcp://127.0.0.1:" + port,
					"zmq.keepalive.sockets.in.curve.server-key=" + SERVER.publicKey,
					"zmq.keepalive.sockets.in.curve.public-key=" + STRANGER.publicKey,
					"zmq.keepalive.sockets.in.curve.secret-key=" + STRANGER.secretKey,
					"zmq.keepalive.sockets.in.reconnect.interval=100ms",
					"zmq.keepalive.sockets.in.reconnect.max-interval=400ms")
			.run((context) -> {
				RecordedEvents events = context.getBean(RecordedEvents.class);
				await().atMost(DEADLINE)
					.until(() -> events.count("in", ZmqSocketEventKind.RECONNECT_SCHEDULED) >= 4);
				assertThat(events.of("in", ZmqSocketEventKind.RECONNECT_SCHEDULED)).extracting(ZmqSocketEvent::getReason)
					.startsWith("JeroMQ gave the endpoint up after a protocol error; connecting again in 100ms (protocol error 1 in a row)",
							"JeroMQ gave the endpoint up after a protocol error; connecting again in 200ms (protocol error 2 in a row)",
							"JeroMQ gave the endpoint up after a protocol error; connecting again in 400ms (protocol error 3 in a row)",
							"JeroMQ gave the endpoint up after a protocol error; connecting again in 400ms (protocol error 4 in a row)");
				assertThat(events.of("in", ZmqSocketEventKind.HANDSHAKE_FAILED)).isNotEmpty()
					.allSatisfy((event) -> assertThat(event.getReason()).contains("ZAP 400"));
				assertThat(context.getBean(ManagedSocketRegistry.class).get("in").state().messagesIn()).isZero();
			});
	}

	@Test
	void aManagedClientWithTheWrongServerKeyIsRefusedOnBothSidesAndTriesAgain() {
		int port = TestPorts.free();
		this.runner
			.withPropertyValues("zmq.keepalive.sockets.out.type=pub",
					"zmq.keepalive.sockets.out.bind=tcp://127.0.0.1:" + port,
					"zmq.keepalive.sockets.out.curve.public-key=" + SERVER.publicKey,
					"zmq.keepalive.sockets.out.curve.secret-key=" + SERVER.secretKey,
					"zmq.keepalive.sockets.in.type=sub", "zmq.keepalive.sockets.in.connect=tcp://127.0.0.1:" + port,
					"zmq.keepalive.sockets.in.curve.server-key=" + STRANGER.publicKey)
			.run((context) -> {
				RecordedEvents events = context.getBean(RecordedEvents.class);
				await().atMost(DEADLINE)
					.until(() -> events.count("in", ZmqSocketEventKind.RECONNECT_SCHEDULED) >= 2);
				assertThat(events.of("out", ZmqSocketEventKind.HANDSHAKE_FAILED)).isNotEmpty()
					.allSatisfy((event) -> assertThat(event.getReason()).contains("CURVE handshake failed"));
				assertThat(events.of("in", ZmqSocketEventKind.HANDSHAKE_FAILED)).isNotEmpty()
					.allSatisfy((event) -> assertThat(event.getReason()).contains("server key other than"));
				assertThat(events.count("in", ZmqSocketEventKind.HANDSHAKE_SUCCEEDED)).isZero();
			});
	}

	/** Publish until the managed subscriber has received something. */
	private static void awaitDelivery(AssertableApplicationContext context, ManagedSocket in) {
		long before = in.state().messagesIn();
		ZmqTemplate template = context.getBean(ZmqTemplate.class);
		await().atMost(DEADLINE).pollInterval(Duration.ofMillis(50)).until(() -> {
			template.send("out", "t", "secret payload");
			return in.state().messagesIn() > before;
		});
	}

	/**
	 * Connect a JeroMQ subscriber with the given keys (none: the NULL mechanism) and make
	 * sure it receives nothing while the publisher publishes.
	 * @return its local address, as the publisher sees it
	 */
	private String refusedClient(int port, String serverKey, ZMQ.Curve.KeyPair own) {
		Set<String> local = ConcurrentHashMap.newKeySet();
		try (ZContext peer = new ZContext(1)) {
			ZMQ.Socket sub = peer.createSocket(SocketType.SUB);
			sub.setLinger(0);
			sub.setReceiveTimeOut(1500);
			// Called on the I/O thread: records, never blocks or throws.
			sub.base().setEventHook((event) -> {
				if (event.arg instanceof SocketChannel channel) {
					try {
						local.add("127.0.0.1:" + ((InetSocketAddress) channel.getLocalAddress()).getPort());
					}
					catch (Exception ex) {
						// the address stays unknown and the test says so
					}
				}
			}, ZMQ.EVENT_CONNECTED);
			if (serverKey != null) {
				sub.setCurveServerKey(ZMQ.Curve.z85Decode(serverKey));
				sub.setCurvePublicKey(ZMQ.Curve.z85Decode(own.publicKey));
				sub.setCurveSecretKey(ZMQ.Curve.z85Decode(own.secretKey));
			}
			sub.subscribe(new byte[0]);
			sub.connect("tcp://127.0.0.1:" + port);
			assertThat(sub.recv()).as("a refused client receives nothing").isNull();
		}
		assertThat(local).isNotEmpty();
		return local.iterator().next();
	}

	private static void assertRefused(RecordedEvents events, String remote, String reason) {
		await().atMost(DEADLINE)
			.untilAsserted(() -> assertThat(events.of("out", ZmqSocketEventKind.HANDSHAKE_FAILED))
				.as("refusals among %s", events.all())
				.filteredOn((event) -> remote.equals(event.getRemoteAddress()))
				.isNotEmpty()
				.first()
				.extracting(ZmqSocketEvent::getReason)
				.asString()
				.contains(reason));
	}

	private static double eventCount(AssertableApplicationContext context, String kind) {
		MeterRegistry meters = new SimpleMeterRegistry();
		context.getBean(ZmqSocketMetrics.class).bindTo(meters);
		return meters.get("zmq.socket.events").tag("socket", "out").tag("event", kind).functionCounter().count();
	}

	static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
