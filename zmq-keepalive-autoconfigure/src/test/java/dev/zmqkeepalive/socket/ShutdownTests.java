package dev.zmqkeepalive.socket;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.zmqkeepalive.TestPorts;
import dev.zmqkeepalive.autoconfigure.ZmqKeepaliveAutoConfiguration;
import dev.zmqkeepalive.core.ZmqTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Closing the application must not hang on peers that cannot take what is queued for
 * them.
 */
class ShutdownTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ZmqKeepaliveAutoConfiguration.class));

	@Test
	void shutdownWithUnreachablePeersAndQueuedMessagesFinishesWithinTwoSeconds() throws IOException {
		// One peer refuses connections; the other accepts TCP but never speaks ZMTP, so
		// messages stay queued for it.
		try (ServerSocket silentPeer = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
			Thread acceptor = new Thread(() -> acceptForever(silentPeer));
			acceptor.setDaemon(true);
			acceptor.start();
			long[] closeMillis = new long[1];
			this.runner
				.withPropertyValues("zmq.keepalive.sockets.out.type=push",
						"zmq.keepalive.sockets.out.connect=" + TestPorts.unreachableEndpoint()
								+ ",tcp://127.0.0.1:" + silentPeer.getLocalPort(),
						"zmq.keepalive.sockets.in.type=sub", "zmq.keepalive.sockets.in.connect="
								+ TestPorts.unreachableEndpoint())
				.run((context) -> {
					ManagedSocket out = context.getBean(ManagedSocketRegistry.class).get("out");
					ZmqTemplate template = context.getBean(ZmqTemplate.class);
					for (int i = 0; i < 5000; i++) {
						template.send("out", "t", "queued " + i);
					}
					await().atMost(Duration.ofSeconds(5)).until(() -> out.state().connections().size() == 1);
					long start = System.nanoTime();
					context.close();
					closeMillis[0] = Duration.ofNanos(System.nanoTime() - start).toMillis();
					assertThatExceptionOfType(ZmqSendException.class)
						.isThrownBy(() -> out.send("late".getBytes()))
						.withMessageContaining("stopped");
				});
			assertThat(closeMillis[0]).isLessThan(2000);
		}
	}

	@Test
	void aSenderWaitingForRoomWhenTheSocketStopsIsReleasedAtOnceWithAnErrorSayingItIsStopping() throws IOException {
		// The peer accepts TCP but never speaks ZMTP: the socket has no room, the queue fills.
		try (ServerSocket silentPeer = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
			Thread acceptor = new Thread(() -> acceptForever(silentPeer));
			acceptor.setDaemon(true);
			acceptor.start();
			AtomicReference<Throwable> failure = new AtomicReference<>();
			AtomicLong releasedAt = new AtomicLong();
			long[] closeStartedAt = new long[1];
			long[] closeMillis = new long[1];
			this.runner
				.withPropertyValues("zmq.keepalive.sockets.out.type=push",
						"zmq.keepalive.sockets.out.connect=tcp://127.0.0.1:" + silentPeer.getLocalPort(),
						"zmq.keepalive.sockets.out.send-queue-capacity=10", "zmq.keepalive.sockets.out.send-hwm=10",
						"zmq.keepalive.sockets.out.send-timeout=30s",
						"zmq.keepalive.sockets.out.linger=1s")
				.run((context) -> {
					ZmqTemplate template = context.getBean(ZmqTemplate.class);
					// Sends until the peer's pipe (send-hwm) and the queue are full, then waits.
					Thread blocked = new Thread(() -> {
						try {
							for (int i = 0;; i++) {
								template.send("out", "t", "message " + i);
							}
						}
						catch (Throwable ex) {
							failure.set(ex);
						}
						releasedAt.set(System.nanoTime());
					});
					blocked.start();
					await().atMost(Duration.ofSeconds(5)).until(() -> blocked.getState() == Thread.State.TIMED_WAITING);
					closeStartedAt[0] = System.nanoTime();
					context.close();
					closeMillis[0] = Duration.ofNanos(System.nanoTime() - closeStartedAt[0]).toMillis();
					blocked.join(Duration.ofSeconds(3).toMillis());
				});
			assertThat(failure.get()).isInstanceOf(ZmqSendException.class)
				.hasMessageContaining("Socket 'out' is stopping")
				.hasMessageNotContaining("keep up");
			// At once: long before the send timeout (30 s), and before the linger was over.
			assertThat(Duration.ofNanos(releasedAt.get() - closeStartedAt[0])).isLessThan(Duration.ofMillis(500));
			assertThat(closeMillis[0]).isLessThan(2000);
		}
	}

	private static void acceptForever(ServerSocket server) {
		try {
			while (true) {
				Socket ignored = server.accept();
				// Hold the connection open, read nothing.
			}
		}
		catch (IOException ex) {
			// Closed at the end of the test.
		}
	}

}
