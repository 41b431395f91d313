package dev.zmqkeepalive.socket;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.zeromq.ZMQ;

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
 * CURVE between the starter and libzmq (Debian's python3-zmq), both ways: a libzmq CURVE
 * server publishing to a managed client, and a managed server with an allow-list
 * publishing to a listed libzmq client while refusing an unlisted one.
 */
class LibzmqCurveTests {

	private static final Duration DEADLINE = Duration.ofSeconds(20);

	private static final String LIBZMQ_CURVE_PUBLISHER = """
			import sys, time, zmq
			assert zmq.has("curve")
			ctx = zmq.Context()
			pub = ctx.socket(zmq.PUB)
			pub.setsockopt(zmq.LINGER, 0)
			pub.curve_server = True
			pub.curve_secretkey = sys.argv[2].encode()
			pub.curve_publickey = sys.argv[3].encode()
			pub.bind("tcp://127.0.0.1:" + sys.argv[1])
			end = time.time() + 40
			n = 0
			while time.time() < end:
			    pub.send_multipart([b"ticks", b"libzmq %d" % n])
			    n += 1
			    time.sleep(0.05)
			""";

	private static final String LIBZMQ_CURVE_SUBSCRIBER = """
			import sys, zmq
			ctx = zmq.Context()
			sub = ctx.socket(zmq.SUB)
			sub.setsockopt(zmq.LINGER, 0)
			sub.curve_serverkey = sys.argv[2].encode()
			sub.curve_publickey = sys.argv[3].encode()
			sub.curve_secretkey = sys.argv[4].encode()
			sub.setsockopt(zmq.SUBSCRIBE, b"ticks")
			sub.setsockopt(zmq.RCVTIMEO, int(sys.argv[5]))
			sub.connect(sys.argv[1])
			try:
			    for _ in range(3):
			        sub.recv_multipart()
			    print("libzmq CURVE subscriber received 3 messages")
			    sys.exit(0)
			except zmq.Again:
			    print("libzmq CURVE subscriber received nothing")
			    sys.exit(3)
			""";

	private static final ZMQ.Curve.KeyPair SERVER = ZMQ.Curve.generateKeyPair();

	private static final ZMQ.Curve.KeyPair CLIENT = ZMQ.Curve.generateKeyPair();

	private static final ZMQ.Curve.KeyPair STRANGER = ZMQ.Curve.generateKeyPair();

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ZmqKeepaliveAutoConfiguration.class))
		.withBean(RecordedEvents.class);

	@BeforeAll
	static void libzmqIsAvailable() {
		LibzmqPeer.assumeAvailable();
	}

	@Test
	void aManagedClientReceivesFromALibzmqCurveServer() throws Exception {
		int port = TestPorts.free();
		try (LibzmqPeer publisher = LibzmqPeer.run(LIBZMQ_CURVE_PUBLISHER, String.valueOf(port), SERVER.secretKey,
				SERVER.publicKey)) {
			this.runner
				.withPropertyValues("zmq.keepalive.sockets.in.type=sub",
						"zmq.keepalive.sockets.in.connect=tcp://127.0.0.1:" + port,
						"zmq.keepalive.sockets.in.curve.server-key=" + SERVER.publicKey)
				.run((context) -> {
					List<ZmqMessage> received = new CopyOnWriteArrayList<>();
					context.getBean(ManagedSocketRegistry.class).get("in").addListener(received::add);
					await().atMost(DEADLINE).until(() -> received.size() >= 3);
					assertThat(received.get(0).payloadAsString()).startsWith("libzmq ");
				});
		}
	}

	@Test
	void aManagedServerServesAListedLibzmqClientAndRefusesAnUnlistedOne() {
		this.runner
			.withPropertyValues("zmq.keepalive.sockets.out.type=pub", "zmq.keepalive.sockets.out.bind=tcp://127.0.0.1:*",
					"zmq.keepalive.sockets.out.curve.public-key=" + SERVER.publicKey,
					"zmq.keepalive.sockets.out.curve.secret-key=" + SERVER.secretKey,
					"zmq.keepalive.sockets.out.curve.allowed-clients=" + CLIENT.publicKey)
			.run((context) -> {
				String endpoint = context.getBean(ManagedSocketRegistry.class).get("out").state().boundEndpoints().get(0);
				ZmqTemplate template = context.getBean(ZmqTemplate.class);
				try (LibzmqPeer listed = LibzmqPeer.run(LIBZMQ_CURVE_SUBSCRIBER, endpoint, SERVER.publicKey,
						CLIENT.publicKey, CLIENT.secretKey, "15000")) {
					await().atMost(DEADLINE).pollInterval(Duration.ofMillis(50)).until(() -> {
						template.send("out", "ticks", "from jeromq");
						return !listed.isRunning();
					});
					assertThat(listed.waitFor(5)).isZero();
				}
				RecordedEvents events = context.getBean(RecordedEvents.class);
				try (LibzmqPeer unlisted = LibzmqPeer.run(LIBZMQ_CURVE_SUBSCRIBER, endpoint, SERVER.publicKey,
						STRANGER.publicKey, STRANGER.secretKey, "3000")) {
					await().atMost(DEADLINE).pollInterval(Duration.ofMillis(50)).until(() -> {
						template.send("out", "ticks", "from jeromq");
						return !unlisted.isRunning();
					});
					assertThat(unlisted.waitFor(5)).as("the unlisted client received nothing").isEqualTo(3);
				}
				assertThat(events.of("out", ZmqSocketEventKind.HANDSHAKE_FAILED)).isNotEmpty()
					.allSatisfy((event) -> assertThat(event.getReason()).contains("allow-list"));
				assertThat(events.of("out", ZmqSocketEventKind.HANDSHAKE_SUCCEEDED)).hasSize(1);
			});
	}

}
