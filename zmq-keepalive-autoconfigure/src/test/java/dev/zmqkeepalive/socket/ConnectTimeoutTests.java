package dev.zmqkeepalive.socket;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.zmqkeepalive.autoconfigure.ZmqKeepaliveAutoConfiguration;
import dev.zmqkeepalive.event.RecordedEvents;
import dev.zmqkeepalive.event.ZmqSocketEventKind;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A connect whose SYN goes unanswered is started again after the connect timeout, so a
 * path that comes back is used within about that time instead of at the kernel's next
 * SYN retransmission. A listener whose accept queue is full drops SYNs silently, like a
 * black hole, without needing root.
 */
class ConnectTimeoutTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ZmqKeepaliveAutoConfiguration.class))
		.withBean(RecordedEvents.class);

	@Test
	void anUnansweredConnectIsStartedAgainAfterTheConnectTimeout() throws IOException {
		try (ServerSocket blackHole = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			List<Socket> fillers = fillAcceptQueue(blackHole);
			try {
				this.runner
					.withPropertyValues("zmq.keepalive.sockets.in.type=sub",
							"zmq.keepalive.sockets.in.connect=tcp://127.0.0.1:" + blackHole.getLocalPort(),
							"zmq.keepalive.sockets.in.reconnect.connect-timeout=1s")
					.run((context) -> {
						RecordedEvents events = context.getBean(RecordedEvents.class);
						// Each restart shows as a new connect-delayed: more than one means
						// the stalled connect was started again.
						await().atMost(Duration.ofSeconds(10))
							.until(() -> events.count("in", ZmqSocketEventKind.CONNECT_DELAYED) >= 3);
						assertThat(events.count("in", ZmqSocketEventKind.CONNECTED)).isZero();

						// The path comes back: make room in the accept queue.
						for (int i = 0; i < fillers.size() + 1; i++) {
							blackHole.setSoTimeout(200);
							try {
								blackHole.accept();
							}
							catch (SocketTimeoutException ex) {
								break;
							}
						}
						long back = System.nanoTime();
						await().atMost(Duration.ofSeconds(5))
							.until(() -> events.count("in", ZmqSocketEventKind.CONNECTED) >= 1);
						// Far sooner than the kernel's SYN retransmissions (1, 3, 7, 15 s...).
						assertThat(Duration.ofNanos(System.nanoTime() - back)).isLessThan(Duration.ofMillis(2500));
					});
			}
			finally {
				for (Socket filler : fillers) {
					filler.close();
				}
			}
		}
	}

	/** Connect until the listener's accept queue is full and further SYNs are dropped. */
	private static List<Socket> fillAcceptQueue(ServerSocket server) throws IOException {
		List<Socket> fillers = new ArrayList<>();
		for (int i = 0; i < 8; i++) {
			Socket socket = new Socket();
			try {
				socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort()), 300);
				fillers.add(socket);
			}
			catch (SocketTimeoutException ex) {
				socket.close();
				return fillers;
			}
		}
		throw new IllegalStateException("accept queue never filled up");
	}

}
