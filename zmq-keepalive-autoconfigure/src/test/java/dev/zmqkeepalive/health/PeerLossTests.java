package dev.zmqkeepalive.health;

import java.time.Duration;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.zmqkeepalive.TestPorts;
import dev.zmqkeepalive.autoconfigure.ZmqKeepaliveAutoConfiguration;
import dev.zmqkeepalive.autoconfigure.health.ZmqHealthContributorAutoConfiguration;
import dev.zmqkeepalive.autoconfigure.metrics.ZmqMetricsAutoConfiguration;
import dev.zmqkeepalive.event.RecordedEvents;
import dev.zmqkeepalive.event.ZmqSocketEventKind;
import dev.zmqkeepalive.metrics.ZmqSocketMetrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A real JeroMQ publisher goes away and comes back: the managed subscriber must report
 * it through events, health and meters, and recover by itself.
 */
class PeerLossTests {

	private static final Duration DEADLINE = Duration.ofSeconds(15);

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ZmqKeepaliveAutoConfiguration.class,
				ZmqHealthContributorAutoConfiguration.class, ZmqMetricsAutoConfiguration.class))
		.withBean(RecordedEvents.class);

	@Test
	void aPeerThatGoesAwayIsReportedAndAPeerThatComesBackIsUsedAgain() {
		int port = TestPorts.free();
		ZContext peerContext = new ZContext();
		ZMQ.Socket publisher = bindPublisher(peerContext, port);
		this.runner
			.withPropertyValues("zmq.keepalive.sockets.in.type=sub",
					"zmq.keepalive.sockets.in.connect=tcp://127.0.0.1:" + port,
					"zmq.keepalive.sockets.in.reconnect.max-interval=500ms")
			.run((context) -> {
				RecordedEvents events = context.getBean(RecordedEvents.class);
				HealthIndicator health = (HealthIndicator) context
					.getBean("zmqHealthContributor", CompositeHealthContributor.class)
					.getContributor("in");
				MeterRegistry meters = new SimpleMeterRegistry();
				context.getBean(ZmqSocketMetrics.class).bindTo(meters);

				await().atMost(DEADLINE)
					.untilAsserted(() -> assertThat(events.count("in", ZmqSocketEventKind.HANDSHAKE_SUCCEEDED))
						.as("handshakes among %s", events.all())
						.isEqualTo(1));
				assertThat(health.health().getStatus()).isEqualTo(Status.UP);
				assertThat(peers(meters)).isEqualTo(1.0);
				assertThat(events.of("in", ZmqSocketEventKind.CONNECTED).get(0).getRemoteAddress())
					.isEqualTo("127.0.0.1:" + port);

				peerContext.close();

				// On timeout the assertion message lists every event seen, for diagnosis.
				await().atMost(DEADLINE)
					.untilAsserted(() -> assertThat(events.count("in", ZmqSocketEventKind.DISCONNECTED))
						.as("disconnected events among %s", events.all())
						.isGreaterThanOrEqualTo(1));
				Health down = health.health();
				assertThat(down.getStatus()).isEqualTo(Status.DOWN);
				assertThat(down.getDetails()).containsEntry("peers", 0);
				assertThat((Long) down.getDetails().get("disconnects")).isGreaterThanOrEqualTo(1L);
				assertThat((String) down.getDetails().get("reason")).contains("lost its last peer");
				assertThat(peers(meters)).isZero();
				assertThat(meters.get("zmq.socket.events").tag("event", "disconnected").functionCounter().count())
					.isGreaterThanOrEqualTo(1.0);

				try (ZContext comeback = new ZContext()) {
					ZMQ.Socket again = bindPublisher(comeback, port);
					await().atMost(DEADLINE)
						.untilAsserted(() -> assertThat(events.count("in", ZmqSocketEventKind.HANDSHAKE_SUCCEEDED))
							.as("handshakes among %s", events.all())
							.isEqualTo(2));
					Health up = health.health();
					assertThat(up.getStatus()).isEqualTo(Status.UP);
					assertThat(up.getDetails()).containsEntry("peers", 1).containsEntry("reconnects", 1L);
					assertThat(peers(meters)).isEqualTo(1.0);

					// And the path carries messages again.
					await().atMost(DEADLINE).until(() -> {
						again.sendMore("t");
						again.send("after");
						return context.getBean(dev.zmqkeepalive.socket.ManagedSocketRegistry.class)
							.get("in")
							.state()
							.messagesIn() > 0;
					});
					assertThat(meters.get("zmq.socket.messages").tag("direction", "in").functionCounter().count())
						.isPositive();
				}
			});
	}

	@Test
	void aConnectingSocketThatNeverReachesItsPeerIsUpUntilTheDetectionBoundThenDown() {
		this.runner
			.withPropertyValues("zmq.keepalive.sockets.in.type=sub",
					"zmq.keepalive.sockets.in.connect=" + TestPorts.unreachableEndpoint(),
					"zmq.keepalive.sockets.in.tcp.idle=1", "zmq.keepalive.sockets.in.tcp.interval=1",
					"zmq.keepalive.sockets.in.tcp.count=1", "zmq.keepalive.sockets.in.heartbeat.interval=0")
			.run((context) -> {
				HealthIndicator health = (HealthIndicator) context
					.getBean("zmqHealthContributor", CompositeHealthContributor.class)
					.getContributor("in");
				// Detection bound is 1 + 1 x 1 = 2 s.
				assertThat(health.health().getStatus()).isEqualTo(Status.UP);
				await().atMost(DEADLINE).until(() -> health.health().getStatus().equals(Status.DOWN));
				assertThat((String) health.health().getDetails().get("reason")).contains("since startup");
			});
	}

	@Test
	void aBoundSocketWithoutPeersIsUpWithZeroPeers() {
		this.runner
			.withPropertyValues("zmq.keepalive.sockets.out.type=pub", "zmq.keepalive.sockets.out.bind=tcp://127.0.0.1:*")
			.run((context) -> {
				Health health = ((HealthIndicator) context
					.getBean("zmqHealthContributor", CompositeHealthContributor.class)
					.getContributor("out")).health();
				assertThat(health.getStatus()).isEqualTo(Status.UP);
				assertThat(health.getDetails()).containsEntry("peers", 0).containsEntry("type", "pub");
			});
	}

	@Test
	void healthCanBeSwitchedOff() {
		this.runner.withPropertyValues("management.health.zmq.enabled=false", "zmq.keepalive.sockets.out.type=pub",
				"zmq.keepalive.sockets.out.bind=tcp://127.0.0.1:*")
			.run((context) -> assertThat(context).doesNotHaveBean("zmqHealthContributor"));
	}

	private static double peers(MeterRegistry meters) {
		return meters.get("zmq.socket.peers").tag("socket", "in").tag("type", "sub").gauge().value();
	}

	private static ZMQ.Socket bindPublisher(ZContext context, int port) {
		ZMQ.Socket socket = context.createSocket(SocketType.PUB);
		socket.setLinger(0);
		socket.bind("tcp://127.0.0.1:" + port);
		return socket;
	}

}
