package dev.zmqkeepalive.socket;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.zmqkeepalive.RawZmtp;
import dev.zmqkeepalive.TestPorts;
import dev.zmqkeepalive.autoconfigure.ZmqKeepaliveAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * After a protocol error the endpoint is connected again when the back-off says, not when
 * the owning thread next happens to wake: JeroMQ reports the error on its I/O thread, and
 * the owning thread may be asleep for up to a second. Repeated errors, each timed from
 * the dropped connection to the next connect.
 */
class ProtocolErrorReconnectDelayTests {

	private static final int ERRORS = 8;

	/** The back-off (interval = max-interval, so it does not grow) and room for a loaded machine. */
	private static final Duration BACK_OFF = Duration.ofMillis(100);

	private static final Duration SLACK = Duration.ofMillis(350);

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ZmqKeepaliveAutoConfiguration.class));

	@Test
	void everyReconnectAfterAProtocolErrorComesWithinItsBackOff() throws Exception {
		int port = TestPorts.free();
		try (ServerSocket hostile = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
			hostile.setSoTimeout(5000);
			this.runner
				.withPropertyValues("zmq.keepalive.sockets.in.type=sub",
						"zmq.keepalive.sockets.in.connect=tcp://127.0.0.1:" + port,
						"zmq.keepalive.sockets.in.max-message-size=1KB",
						"zmq.keepalive.sockets.in.reconnect.interval=" + BACK_OFF.toMillis() + "ms",
						"zmq.keepalive.sockets.in.reconnect.max-interval=" + BACK_OFF.toMillis() + "ms")
				.run((context) -> {
					List<Long> delays = new ArrayList<>();
					long dropped = 0;
					for (int error = 0; error <= ERRORS; error++) {
						try (Socket connection = hostile.accept()) {
							if (error > 0) {
								delays.add((System.nanoTime() - dropped) / 1_000_000);
							}
							if (error == ERRORS) {
								break;
							}
							assertThat(RawZmtp.oversizedFrameClosedWithin(connection, Duration.ofSeconds(5))).isTrue();
							dropped = System.nanoTime();
						}
					}
					System.out.println("Protocol error to the next connect, back-off " + BACK_OFF.toMillis() + " ms: "
							+ delays + " ms");
					assertThat(delays).hasSize(ERRORS)
						.allSatisfy((millis) -> assertThat(millis).isLessThan(BACK_OFF.plus(SLACK).toMillis()));
				});
		}
	}

}
