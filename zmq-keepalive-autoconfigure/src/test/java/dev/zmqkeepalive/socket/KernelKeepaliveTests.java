package dev.zmqkeepalive.socket;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.zmqkeepalive.autoconfigure.ZmqKeepaliveAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Keepalive values must reach the kernel socket of both the connecting and the accepted
 * side: they are read back with getsockopt and, independently, from {@code ss}.
 */
class KernelKeepaliveTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ZmqKeepaliveAutoConfiguration.class));

	@Test
	void connectingAndAcceptedConnectionsCarryTheConfiguredKeepalive() {
		this.runner.withPropertyValues("zmq.keepalive.sockets.out.type=pub",
				"zmq.keepalive.sockets.out.bind=tcp://127.0.0.1:*", "zmq.keepalive.sockets.out.tcp.idle=37",
				"zmq.keepalive.sockets.out.tcp.interval=7", "zmq.keepalive.sockets.out.tcp.count=5")
			.run((publisherContext) -> {
				ManagedSocket out = publisherContext.getBean(ManagedSocketRegistry.class).get("out");
				String endpoint = out.state().boundEndpoints().get(0);
				this.runner.withPropertyValues("zmq.keepalive.sockets.in.type=sub",
						"zmq.keepalive.sockets.in.connect=" + endpoint, "zmq.keepalive.sockets.in.tcp.idle=41",
						"zmq.keepalive.sockets.in.tcp.interval=3", "zmq.keepalive.sockets.in.tcp.count=9")
					.run((subscriberContext) -> {
						ManagedSocket in = subscriberContext.getBean(ManagedSocketRegistry.class).get("in");
						await().atMost(Duration.ofSeconds(10))
							.until(() -> in.state().livePeerCount() == 1 && out.state().livePeerCount() == 1);
						KernelKeepalive connecting = in.state().livePeers().get(0).kernelKeepalive();
						KernelKeepalive accepted = out.state().livePeers().get(0).kernelKeepalive();
						assertThat(connecting).isEqualTo(new KernelKeepalive(true, 41, 3, 9));
						assertThat(accepted).isEqualTo(new KernelKeepalive(true, 37, 7, 5));

						String port = endpoint.substring(endpoint.lastIndexOf(':') + 1);
						List<String> lines = ss(port);
						// ss shows a keepalive timer only on sockets with SO_KEEPALIVE on:
						// one line for the accepted side (local port) and one for the
						// connecting side (peer port).
						assertThat(lines).filteredOn((line) -> line.contains("timer:(keepalive")).hasSize(2);
					});
			});
	}

	@Test
	void keepaliveCanBeSwitchedOffPerSocket() {
		this.runner.withPropertyValues("zmq.keepalive.sockets.out.type=pub",
				"zmq.keepalive.sockets.out.bind=tcp://127.0.0.1:*", "zmq.keepalive.sockets.out.tcp.enabled=false")
			.run((publisherContext) -> {
				ManagedSocket out = publisherContext.getBean(ManagedSocketRegistry.class).get("out");
				this.runner
					.withPropertyValues("zmq.keepalive.sockets.in.type=sub",
							"zmq.keepalive.sockets.in.connect=" + out.state().boundEndpoints().get(0))
					.run((subscriberContext) -> {
						await().atMost(Duration.ofSeconds(10)).until(() -> out.state().livePeerCount() == 1);
						assertThat(out.state().livePeers().get(0).kernelKeepalive().enabled()).isFalse();
					});
			});
	}

	/** Lines of {@code ss -tnoi} for TCP connections on the given port, with their details. */
	private static List<String> ss(String port) throws IOException, InterruptedException {
		Process process = new ProcessBuilder("ss", "-tnoH", "state", "established", "( sport = :" + port
				+ " or dport = :" + port + " )").redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor()).as(output).isZero();
		return output.lines().toList();
	}

}
