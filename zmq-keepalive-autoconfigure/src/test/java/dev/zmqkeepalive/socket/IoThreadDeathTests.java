package dev.zmqkeepalive.socket;

import java.net.Socket;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.zeromq.ZMQ;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import dev.zmqkeepalive.TestPorts;
import dev.zmqkeepalive.autoconfigure.ZmqKeepaliveAutoConfiguration;
import dev.zmqkeepalive.autoconfigure.health.ZmqHealthContributorAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.awaitility.Awaitility.await;

/**
 * The context's only I/O thread dies (here: an {@link Error} thrown on it, as the
 * OutOfMemoryError of a 2 GiB frame did): every socket of the context must turn DOWN with
 * the reason, the starter must say so once in the log, and shutdown must not hang in
 * {@code ZContext.close()}.
 */
@ExtendWith(OutputCaptureExtension.class)
class IoThreadDeathTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ZmqKeepaliveAutoConfiguration.class,
				ZmqHealthContributorAutoConfiguration.class));

	@Test
	void aDeadIoThreadTurnsEverySocketDownIsLoggedOnceAndShutdownStaysBounded(CapturedOutput output) {
		int port = TestPorts.free();
		assertTimeoutPreemptively(Duration.ofSeconds(30), () -> this.runner
			.withPropertyValues("zmq.keepalive.sockets.out.type=pub",
					"zmq.keepalive.sockets.out.bind=tcp://127.0.0.1:" + port, "zmq.keepalive.sockets.in.type=sub",
					"zmq.keepalive.sockets.in.connect=tcp://127.0.0.1:" + port)
			.run((context) -> {
				ManagedSocketRegistry registry = context.getBean(ManagedSocketRegistry.class);
				await().atMost(Duration.ofSeconds(15)).until(() -> registry.get("in").state().livePeerCount() == 1);
				// The next accepted connection throws on the I/O thread, as nothing of the
				// starter ever does.
				registry.get("out").execute((socket) -> {
					socket.base().setEventHook(null, 0);
					return socket.base().setEventHook((event) -> {
						throw new SimulatedCrash();
					}, ZMQ.EVENT_ACCEPTED);
				}).get();
				try (Socket trigger = new Socket("127.0.0.1", port)) {
					CompositeHealthContributor health = context.getBean("zmqHealthContributor",
							CompositeHealthContributor.class);
					for (String name : new String[] { "out", "in" }) {
						await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
							Health socketHealth = ((HealthIndicator) health.getContributor(name)).health();
							assertThat(socketHealth.getStatus()).isEqualTo(Status.DOWN);
							assertThat((String) socketHealth.getDetails().get("reason")).contains("I/O thread")
								.contains(SimulatedCrash.class.getName());
						});
					}
				}
				long started = System.nanoTime();
				context.close();
				Duration closing = Duration.ofNanos(System.nanoTime() - started);
				System.out.println("Shutdown with a dead I/O thread took " + closing.toMillis() + " ms");
				// linger 1s + 0.5s for the sockets, then 2s for the context
				assertThat(closing).isLessThan(Duration.ofSeconds(5));
				assertThat(output.getAll().lines().filter((line) -> line.matches(".*ERROR.*IoThreadWatch.*")))
					.as("logged once at ERROR")
					.hasSize(1);
			}));
	}

	static final class SimulatedCrash extends Error {

		SimulatedCrash() {
			super("simulated crash of the I/O thread");
		}

	}

}
