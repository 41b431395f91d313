package dev.zmqkeepalive.envelope;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

import dev.zmqkeepalive.LibzmqPeer;
import dev.zmqkeepalive.TestPorts;
import dev.zmqkeepalive.autoconfigure.ZmqKeepaliveAutoConfiguration;
import dev.zmqkeepalive.autoconfigure.actuate.ZmqEndpointAutoConfiguration;
import dev.zmqkeepalive.autoconfigure.health.ZmqHealthContributorAutoConfiguration;
import dev.zmqkeepalive.autoconfigure.metrics.ZmqMetricsAutoConfiguration;
import dev.zmqkeepalive.core.ZmqTemplate;
import dev.zmqkeepalive.actuate.ZmqEndpoint;
import dev.zmqkeepalive.listener.ZmqListener;
import dev.zmqkeepalive.messaging.SocketMessaging;
import dev.zmqkeepalive.messaging.SocketMessagingRegistry;
import dev.zmqkeepalive.socket.ManagedSocketRegistry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The envelope against libzmq: a pyzmq program ({@code libzmq/envelope_peer.py}, which
 * follows only the format the README documents) writes envelopes the starter reads,
 * with a gap and a publisher restart, and reads the envelopes the starter writes.
 */
class EnvelopeInteropTests {

	private static final Duration DEADLINE = Duration.ofSeconds(20);

	private static final UUID FIRST = UUID.fromString("11111111-1111-1111-1111-111111111111");

	private static final UUID RESTARTED = UUID.fromString("22222222-2222-2222-2222-222222222222");

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, MetricsAutoConfiguration.class,
				SimpleMetricsExportAutoConfiguration.class, ZmqKeepaliveAutoConfiguration.class,
				ZmqMetricsAutoConfiguration.class, ZmqHealthContributorAutoConfiguration.class,
				ZmqEndpointAutoConfiguration.class))
		.withPropertyValues("management.endpoints.web.exposure.include=zmq");

	record Numbered(long sequence) {
	}

	@BeforeAll
	static void libzmqIsAvailable() {
		LibzmqPeer.assumeAvailable();
	}

	@Test
	void whenALibzmqPublisherSkipsNumbersThenTheSubscriberCountsTheGapButNotTheRestart() throws IOException {
		int port = TestPorts.free();
		// 1, 2, 3, then 4..6 never sent, 7, 8; then a restarted publisher from 1 again.
		String runs = FIRST + ":1,2,3,7,8;" + RESTARTED + ":1,2";
		try (LibzmqPeer publisher = LibzmqPeer.run(script(), "publish", "tcp://127.0.0.1:" + port, "ticks", runs)) {
			this.runner.withUserConfiguration(Receiver.class)
				.withPropertyValues("zmq.keepalive.sockets.in.type=sub",
						"zmq.keepalive.sockets.in.connect=tcp://127.0.0.1:" + port,
						"zmq.keepalive.sockets.in.envelope=true")
				.run((context) -> {
					Receiver receiver = context.getBean(Receiver.class);
					MeterRegistry meters = context.getBean(MeterRegistry.class);
					await().atMost(DEADLINE).until(() -> receiver.received.size() == 7);
					assertThat(receiver.received).containsExactly("ticks:1", "ticks:2", "ticks:3", "ticks:7",
							"ticks:8", "ticks:1", "ticks:2");
					assertThat(receiver.lost).singleElement()
						.satisfies((event) -> assertThat(event.getMissing())
							.isEqualTo(new MissingMessages(FIRST, 4, 6)));

					SocketMessaging in = context.getBean(SocketMessagingRegistry.class).find("in");
					assertThat(in.lost()).isEqualTo(3);
					assertThat(in.unframed()).isZero();
					assertThat(meters.get("zmq.socket.messages.lost").tag("socket", "in").functionCounter().count())
						.isEqualTo(3.0);
					assertThat(meters.get("zmq.socket.messages.age").tag("socket", "in").timer().count())
						.isEqualTo(7);
					HealthIndicator health = (HealthIndicator) context
						.getBean("zmqHealthContributor", CompositeHealthContributor.class)
						.getContributor("in");
					assertThat(health.health().getDetails()).containsEntry("messagesLost", 3L);
					ZmqEndpoint.MessagesDescriptor messages = context.getBean(ZmqEndpoint.class)
						.socket("in")
						.messages();
					assertThat(messages.lost()).isEqualTo(3);
					assertThat(messages.publishers()).hasSize(2);
					assertThat(messages.publishers().get(0)).satisfies((first) -> {
						assertThat(first.instanceId()).isEqualTo(FIRST.toString());
						assertThat(first.lastSequence()).isEqualTo(8);
						assertThat(first.received()).isEqualTo(5);
						assertThat(first.lost()).isEqualTo(3);
					});
					assertThat(messages.publishers().get(1)).satisfies((restarted) -> {
						assertThat(restarted.instanceId()).isEqualTo(RESTARTED.toString());
						assertThat(restarted.lastSequence()).isEqualTo(2);
						assertThat(restarted.lost()).isZero();
					});
				});
		}
	}

	@Test
	void whenTheStarterPublishesWithTheEnvelopeThenALibzmqSubscriberReadsItsIdAndConsecutiveNumbers(
			@TempDir Path dir) throws Exception {
		Path output = dir.resolve("received.txt");
		this.runner
			.withPropertyValues("zmq.keepalive.sockets.out.type=pub", "zmq.keepalive.sockets.out.bind=tcp://127.0.0.1:*",
					"zmq.keepalive.sockets.out.envelope=true")
			.run((context) -> {
				String endpoint = context.getBean(ManagedSocketRegistry.class).get("out").state().boundEndpoints().get(0);
				try (LibzmqPeer subscriber = LibzmqPeer.run(script(), "subscribe", endpoint, "20", output.toString())) {
					ZmqTemplate template = context.getBean(ZmqTemplate.class);
					long[] n = { 0 };
					// A fresh subscription takes a moment to reach the publisher: keep
					// publishing until the subscriber has its 20.
					await().atMost(DEADLINE).pollInterval(Duration.ofMillis(20)).until(() -> {
						template.convertAndSend("out", "ticks", new Numbered(++n[0]));
						return Files.exists(output);
					});
					assertThat(subscriber.waitFor(5)).isZero();
				}
				UUID instanceId = context.getBean(SocketMessagingRegistry.class).find("out").instanceId();
				List<String[]> lines = Files.readAllLines(output).stream().map((line) -> line.split(" ")).toList();
				assertThat(lines).hasSize(20);
				long first = Long.parseLong(lines.get(0)[2]);
				long now = System.currentTimeMillis() * 1000;
				for (int i = 0; i < lines.size(); i++) {
					String[] line = lines.get(i);
					assertThat(line[0]).isEqualTo("ticks");
					assertThat(line[1]).isEqualTo(instanceId.toString());
					assertThat(Long.parseLong(line[2])).isEqualTo(first + i);
					assertThat(Long.parseLong(line[3])).isBetween(now - 60_000_000, now);
					assertThat(line[4]).isEqualTo("-");
					assertThat(line[5]).isEqualTo("{\"sequence\":" + (first + i) + "}");
				}
			});
	}

	private static String script() {
		try (InputStream in = EnvelopeInteropTests.class.getResourceAsStream("/libzmq/envelope_peer.py")) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Configuration(proxyBeanMethods = false)
	static class Receiver {

		final List<String> received = new CopyOnWriteArrayList<>();

		final List<ZmqMessagesLostEvent> lost = new CopyOnWriteArrayList<>();

		@ZmqListener(socket = "in")
		void onNumbered(String topic, Numbered numbered) {
			this.received.add(topic + ":" + numbered.sequence());
		}

		@EventListener
		void onLost(ZmqMessagesLostEvent event) {
			this.lost.add(event);
		}

	}

}
