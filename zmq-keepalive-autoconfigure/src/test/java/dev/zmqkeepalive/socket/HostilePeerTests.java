package dev.zmqkeepalive.socket;

import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

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
import dev.zmqkeepalive.core.ZmqTemplate;
import dev.zmqkeepalive.event.RecordedEvents;
import dev.zmqkeepalive.event.ZmqSocketEvent;
import dev.zmqkeepalive.event.ZmqSocketEventKind;
import dev.zmqkeepalive.metrics.ZmqSocketMetrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An outsider reaches a bound publisher: the bytes are written by the test itself (an
 * oversized frame, an HTTP request, random bytes, an old ZMTP greeting, nothing at all),
 * next to a real JeroMQ subscriber that must never notice.
 */
class HostilePeerTests {

	private static final Duration DEADLINE = Duration.ofSeconds(15);

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ZmqKeepaliveAutoConfiguration.class, ZmqMetricsAutoConfiguration.class))
		.withBean(RecordedEvents.class);

	@Test
	void aFrameOverTheMaximumSizeDropsOnlyThatConnectionAndIsReportedAndCounted() {
		int port = TestPorts.free();
		this.runner
			.withPropertyValues("zmq.keepalive.sockets.out.type=pub",
					"zmq.keepalive.sockets.out.bind=tcp://127.0.0.1:" + port,
					"zmq.keepalive.sockets.out.max-message-size=64KB")
			.run((context) -> {
				try (GoodSubscriber good = new GoodSubscriber(port)) {
					good.awaitLink(context);
					long started = System.nanoTime();
					try (Socket hostile = new Socket("127.0.0.1", port)) {
						OutputStream out = hostile.getOutputStream();
						out.write(RawZmtp.concat(RawZmtp.nullGreeting(false), RawZmtp.ready("SUB")));
						RawZmtp.readGreetingAndReady(hostile.getInputStream());
						// 2^31 - 1: the size that cost the sample app 2 GiB.
						out.write(RawZmtp.frameHeader(Integer.MAX_VALUE));
						out.flush();
						assertThat(RawZmtp.closedWithin(hostile, Duration.ofSeconds(5))).isTrue();
						String remote = "127.0.0.1:" + hostile.getLocalPort();
						RecordedEvents events = context.getBean(RecordedEvents.class);
						await().atMost(DEADLINE).untilAsserted(() -> assertThat(events.of("out",
								ZmqSocketEventKind.PROTOCOL_ERROR))
							.as("protocol errors among %s", events.all())
							.singleElement()
							.satisfies((event) -> {
								assertThat(event.getRemoteAddress()).isEqualTo(remote);
								assertThat(event.getReason()).contains("max-message-size");
							}));
					}
					System.out.println("Oversized frame: connection dropped after "
							+ Duration.ofNanos(System.nanoTime() - started).toMillis() + " ms");
					assertThat(eventCount(context, "protocol-error")).isEqualTo(1.0);
					good.assertStillReceives(context);
				}
			});
	}

	@Test
	void bytesThatAreNotZmtp3AreRefusedNamedAndNeverCountAsPeers() {
		int port = TestPorts.free();
		byte[] random = new byte[1024];
		new Random(9).nextBytes(random);
		random[0] = 0x47; // not 0xFF: what JeroMQ took for a ZMTP 1.0 peer
		List<byte[]> garbage = List.of("GET / HTTP/1.1\r\nHost: example\r\n\r\n".getBytes(StandardCharsets.US_ASCII),
				random, RawZmtp.zmtp2Greeting(2));
		this.runner
			.withPropertyValues("zmq.keepalive.sockets.out.type=pub",
					"zmq.keepalive.sockets.out.bind=tcp://127.0.0.1:" + port)
			.run((context) -> {
				try (GoodSubscriber good = new GoodSubscriber(port)) {
					good.awaitLink(context);
					ManagedSocket out = context.getBean(ManagedSocketRegistry.class).get("out");
					RecordedEvents events = context.getBean(RecordedEvents.class);
					for (byte[] bytes : garbage) {
						try (Socket hostile = new Socket("127.0.0.1", port)) {
							hostile.getOutputStream().write(bytes);
							hostile.getOutputStream().flush();
							assertThat(RawZmtp.closedWithin(hostile, Duration.ofSeconds(2)))
								.as("dropped at once, not at the handshake timeout")
								.isTrue();
							String remote = "127.0.0.1:" + hostile.getLocalPort();
							await().atMost(DEADLINE)
								.untilAsserted(() -> assertThat(events.of("out", ZmqSocketEventKind.HANDSHAKE_FAILED))
									.filteredOn((event) -> remote.equals(event.getRemoteAddress()))
									.singleElement()
									.extracting(ZmqSocketEvent::getReason)
									.asString()
									.contains("not ZMTP 3"));
							assertThat(out.state().livePeerCount()).isEqualTo(1);
						}
					}
					assertThat(events.of("out", ZmqSocketEventKind.HANDSHAKE_SUCCEEDED)).hasSize(1);
					assertThat(eventCount(context, "handshake-failed")).isEqualTo(3.0);
					good.assertStillReceives(context);
				}
			});
	}

	@Test
	void fiveHundredIdleConnectionsAreDroppedAtTheHandshakeTimeoutAndNeverCountAsPeers() throws Exception {
		int port = TestPorts.free();
		this.runner
			.withPropertyValues("zmq.keepalive.handshake-timeout=3s", "zmq.keepalive.sockets.out.type=pub",
					"zmq.keepalive.sockets.out.bind=tcp://127.0.0.1:" + port)
			.run((context) -> {
				try (GoodSubscriber good = new GoodSubscriber(port)) {
					good.awaitLink(context);
					ManagedSocket out = context.getBean(ManagedSocketRegistry.class).get("out");
					System.gc();
					long heapBefore = usedHeap();
					List<Socket> idle = new ArrayList<>();
					try {
						for (int i = 0; i < 500; i++) {
							idle.add(new Socket("127.0.0.1", port));
						}
						// Most of them at once (on a loaded machine the first may time out before the last
						// is accepted).
						await().atMost(DEADLINE).until(() -> out.state().connections().size() >= 451);
						System.gc();
						long heapWith = usedHeap();
						int open = out.state().connections().size() - 1;
						assertThat(out.state().livePeerCount()).isEqualTo(1);
						good.assertStillReceives(context);
						for (Socket socket : idle) {
							assertThat(RawZmtp.closedWithin(socket, Duration.ofSeconds(10))).isTrue();
						}
						System.out.println("500 idle connections: heap " + (heapBefore >> 10) + " KiB before, "
								+ (heapWith >> 10) + " KiB with " + open
								+ " of them open (after a GC each time), all dropped at the handshake timeout");
					}
					finally {
						for (Socket socket : idle) {
							socket.close();
						}
					}
					RecordedEvents events = context.getBean(RecordedEvents.class);
					await().atMost(DEADLINE)
						.untilAsserted(() -> assertThat(events.count("out", ZmqSocketEventKind.HANDSHAKE_FAILED))
							.isEqualTo(500));
					assertThat(out.state().livePeerCount()).isEqualTo(1);
					good.assertStillReceives(context);
				}
			});
	}

	@Test
	void hundredsOfConcurrentConnectsAreEachCreditedToTheirOwnConnection() {
		int port = TestPorts.free();
		int subscribers = 300;
		this.runner
			.withPropertyValues("zmq.keepalive.sockets.out.type=pub",
					"zmq.keepalive.sockets.out.bind=tcp://127.0.0.1:" + port)
			.run((context) -> {
				RecordedEvents events = context.getBean(RecordedEvents.class);
				Set<String> local = ConcurrentHashMap.newKeySet();
				try (ZContext peers = new ZContext(2)) {
					List<ZMQ.Socket> sockets = new ArrayList<>();
					for (int i = 0; i < subscribers; i++) {
						ZMQ.Socket sub = peers.createSocket(SocketType.SUB);
						sub.setLinger(0);
						sub.subscribe(new byte[0]);
						// Called on the I/O thread: records, never blocks or throws.
						sub.base().setEventHook((event) -> {
							if (event.arg instanceof SocketChannel channel) {
								try {
									InetSocketAddress address = (InetSocketAddress) channel.getLocalAddress();
									local.add("127.0.0.1:" + address.getPort());
								}
								catch (Exception ex) {
									// the test then misses a port and says so
								}
							}
						}, ZMQ.EVENT_CONNECTED);
						sockets.add(sub);
					}
					sockets.forEach((sub) -> sub.connect("tcp://127.0.0.1:" + port));
					ManagedSocket out = context.getBean(ManagedSocketRegistry.class).get("out");
					await().atMost(DEADLINE).until(() -> out.state().livePeerCount() == subscribers);
					Set<String> credited = out.state()
						.livePeers()
						.stream()
						.map(PeerConnection::remoteAddress)
						.collect(Collectors.toSet());
					assertThat(local).hasSize(subscribers);
					assertThat(credited).isEqualTo(local);
					await().atMost(DEADLINE)
						.untilAsserted(() -> assertThat(events.of("out", ZmqSocketEventKind.HANDSHAKE_SUCCEEDED)
							.stream()
							.map(ZmqSocketEvent::getRemoteAddress)
							.collect(Collectors.toSet())).isEqualTo(local));
				}
			});
	}

	private static long usedHeap() {
		Runtime runtime = Runtime.getRuntime();
		return runtime.totalMemory() - runtime.freeMemory();
	}

	private static double eventCount(AssertableApplicationContext context, String kind) {
		MeterRegistry meters = new SimpleMeterRegistry();
		context.getBean(ZmqSocketMetrics.class).bindTo(meters);
		return meters.get("zmq.socket.events").tag("socket", "out").tag("event", kind).functionCounter().count();
	}

	/** A plain JeroMQ subscriber of the managed publisher: the real user next to the outsider. */
	static final class GoodSubscriber implements AutoCloseable {

		private final ZContext context = new ZContext(1);

		private final ZMQ.Socket socket;

		GoodSubscriber(int port) {
			this.socket = this.context.createSocket(SocketType.SUB);
			this.socket.setLinger(0);
			this.socket.setReceiveTimeOut(100);
			this.socket.subscribe("t".getBytes(StandardCharsets.UTF_8));
			this.socket.connect("tcp://127.0.0.1:" + port);
		}

		void awaitLink(AssertableApplicationContext context) {
			assertStillReceives(context);
		}

		/** Publish until a message arrives: the link works, within the deadline. */
		void assertStillReceives(AssertableApplicationContext context) {
			ZmqTemplate template = context.getBean(ZmqTemplate.class);
			long deadline = System.nanoTime() + DEADLINE.toNanos();
			while (System.nanoTime() < deadline) {
				template.send("out", "t", "tick");
				if (this.socket.recvStr() != null) {
					while (this.socket.recvStr(ZMQ.DONTWAIT) != null) {
						// drain what the loop published meanwhile
					}
					return;
				}
			}
			throw new AssertionError("the good subscriber received nothing within " + DEADLINE);
		}

		@Override
		public void close() {
			this.context.close();
		}

	}

}
