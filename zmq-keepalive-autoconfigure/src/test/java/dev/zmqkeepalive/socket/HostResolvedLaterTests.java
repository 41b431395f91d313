package dev.zmqkeepalive.socket;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.zmqkeepalive.autoconfigure.ZmqKeepaliveAutoConfiguration;
import dev.zmqkeepalive.health.ZmqSocketHealthIndicator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A connect host that does not resolve at startup, then does (DNS back after an
 * outage): the socket connects and receives. The JVM's resolver reads a hosts file this
 * test writes ({@code jdk.net.hosts.file}, set with caching off by the surefire
 * execution {@code host-lookup}), so neither the machine's DNS nor its /etc/hosts is
 * touched.
 */
class HostResolvedLaterTests {

	private static final String HOST = "zmq-publisher.test";

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ZmqKeepaliveAutoConfiguration.class));

	private HostsFile hosts;

	@BeforeEach
	void hostsFile() throws IOException {
		this.hosts = HostsFile.ofThisJvm();
	}

	@Test
	void whenTheHostResolvesLaterThenTheSocketConnectsAndReceives() throws IOException {
		try (ZContext plain = new ZContext(); ZMQ.Socket publisher = plain.createSocket(SocketType.PUB)) {
			int port = publisher.bindToRandomPort("tcp://127.0.0.1");
			this.runner
				.withPropertyValues("zmq.keepalive.sockets.in.type=sub",
						"zmq.keepalive.sockets.in.connect=tcp://" + HOST + ":" + port,
						"zmq.keepalive.reconnect.interval=100ms", "zmq.keepalive.reconnect.max-interval=400ms")
				.run((context) -> {
					assertThat(context).hasNotFailed();
					ManagedSocket in = context.getBean(ManagedSocketRegistry.class).get("in");
					List<String> received = new CopyOnWriteArrayList<>();
					in.addListener((message) -> received.add(message.payloadAsString()));
					Health down = new ZmqSocketHealthIndicator(in).health();
					assertThat(down.getStatus()).isEqualTo(Status.DOWN);
					assertThat(String.valueOf(down.getDetails().get("reason"))).contains("host '" + HOST + "'")
						.contains("does not resolve");

					this.hosts.resolve("127.0.0.1 " + HOST);
					await().atMost(Duration.ofSeconds(10)).until(() -> in.state().livePeerCount() == 1);
					await().atMost(Duration.ofSeconds(10)).until(() -> {
						publisher.sendMore("t");
						publisher.send("after the outage");
						return received.contains("after the outage");
					});
					assertThat(new ZmqSocketHealthIndicator(in).health().getStatus()).isEqualTo(Status.UP);
					assertThat(in.state().unresolvedConnects()).isEmpty();
				});
		}
	}

}
