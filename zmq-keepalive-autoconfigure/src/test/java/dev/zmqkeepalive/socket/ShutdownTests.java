package dev.zmqkeepalive.socket;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;

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
