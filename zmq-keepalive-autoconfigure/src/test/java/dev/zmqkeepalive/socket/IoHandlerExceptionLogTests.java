package dev.zmqkeepalive.socket;

import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.zeromq.ZMQ;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import dev.zmqkeepalive.RawZmtp;
import dev.zmqkeepalive.TestPorts;
import dev.zmqkeepalive.autoconfigure.ZmqKeepaliveAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A connection handler throws on the I/O thread (here: an event hook on the ACCEPTED
 * event, as nothing of the starter ever does): the thread goes on, and what it caught
 * goes to the application's log once, at WARN, instead of a stack trace on standard
 * error per connection.
 */
@ExtendWith(OutputCaptureExtension.class)
class IoHandlerExceptionLogTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ZmqKeepaliveAutoConfiguration.class));

	@Test
	void whatAnIoThreadCatchesIsLoggedOnceAtWarnAndTheThreadGoesOn(CapturedOutput output) {
		int port = TestPorts.free();
		this.runner
			.withPropertyValues("zmq.keepalive.sockets.out.type=pub",
					"zmq.keepalive.sockets.out.bind=tcp://127.0.0.1:" + port)
			.run((context) -> {
				ManagedSocketRegistry registry = context.getBean(ManagedSocketRegistry.class);
				await().atMost(Duration.ofSeconds(10))
					.until(() -> !registry.get("out").state().boundEndpoints().isEmpty());
				AtomicInteger thrown = new AtomicInteger();
				registry.get("out").execute((socket) -> {
					socket.base().setEventHook(null, 0);
					return socket.base().setEventHook((event) -> {
						thrown.incrementAndGet();
						throw new SimulatedHandlerFailure();
					}, ZMQ.EVENT_ACCEPTED);
				}).get();
				int connections = 3;
				List<Socket> triggers = new ArrayList<>();
				try {
					for (int i = 0; i < connections; i++) {
						// Accepted by the I/O thread, whose hook throws; kept open until then,
						// as JeroMQ reports no ACCEPTED for a connection gone before its accept.
						triggers.add(new Socket("127.0.0.1", port));
					}
					await().atMost(Duration.ofSeconds(10)).until(() -> thrown.get() == connections);
				}
				finally {
					for (Socket trigger : triggers) {
						trigger.close();
					}
				}
				// The thread went on: without the hook, it accepts and answers a ZMTP greeting.
				registry.get("out").execute((socket) -> socket.base().setEventHook(null, 0)).get();
				try (Socket peer = new Socket("127.0.0.1", port)) {
					peer.setSoTimeout(5000);
					peer.getOutputStream().write(RawZmtp.nullGreeting(false));
					assertThat(peer.getInputStream().readNBytes(10)).as("the start of the publisher's greeting")
						.startsWith((byte) 0xFF);
				}
				await().atMost(Duration.ofSeconds(10))
					.until(() -> output.getAll().contains("IoHandlerExceptionLog"));
			});
		assertThat(output.getAll().lines().filter((line) -> line.matches(".*WARN.*IoHandlerExceptionLog.*")))
			.as("one WARN line, the first failure's")
			.hasSize(1)
			.allMatch((line) -> line.contains(SimulatedHandlerFailure.class.getName()));
		assertThat(output.getAll().lines().filter((line) -> line.startsWith(SimulatedHandlerFailure.class.getName())))
			.as("stack traces printed: one, with the WARN line")
			.hasSize(1);
	}

	static final class SimulatedHandlerFailure extends RuntimeException {

		SimulatedHandlerFailure() {
			super("simulated failure in a connection's handler");
		}

	}

}
