package dev.zmqkeepalive.sample;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The sample as a user runs it: both sides in one process over tcp:// loopback, with
 * health, metrics, the zmq endpoint and Prometheus exposed over HTTP.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SampleApplicationTests {

	private static final int ZMQ_PORT = freePort();

	@DynamicPropertySource
	static void ticksPort(DynamicPropertyRegistry registry) {
		registry.add("zmq.keepalive.sockets.ticks.bind", () -> "tcp://127.0.0.1:" + ZMQ_PORT);
		registry.add("zmq.keepalive.sockets.ticks-in.connect", () -> "tcp://127.0.0.1:" + ZMQ_PORT);
		registry.add("sample.ticks.interval", () -> "200ms");
	}

	@LocalServerPort
	int port;

	@Autowired
	TickSubscriber subscriber;

	@Test
	void theSubscriberReceivesTicksAndEverySurfaceShowsIt() {
		await().atMost(Duration.ofSeconds(20)).until(() -> this.subscriber.received() >= 3);
		RestClient http = RestClient.create("http://localhost:" + this.port);

		String health = http.get().uri("/actuator/health").retrieve().body(String.class);
		assertThat(health).startsWith("{").contains("\"zmq\"").contains("\"ticks-in\"").contains("\"status\":\"UP\"");
		String subscriberHealth = http.get().uri("/actuator/health/zmq/ticks-in").retrieve().body(String.class);
		assertThat(subscriberHealth).contains("\"peers\":1").contains("\"tcpKeepalive\"");

		String peers = http.get().uri("/actuator/metrics/zmq.socket.peers").retrieve().body(String.class);
		assertThat(peers).contains("\"name\":\"zmq.socket.peers\"").contains("\"value\":2.0");

		String zmq = http.get().uri("/actuator/zmq").retrieve().body(String.class);
		assertThat(zmq).contains("\"keepalive\":{\"enabled\":true,\"idleSeconds\":60,\"intervalSeconds\":10,\"count\":3}");

		String prometheus = http.get().uri("/actuator/prometheus").retrieve().body(String.class);
		assertThat(prometheus).contains("zmq_socket_messages_total{direction=\"in\",socket=\"ticks-in\",type=\"sub\"}");

		Long[] published = http.post().uri("/ticks?count=3").retrieve().body(Long[].class);
		assertThat(published).hasSize(3);
	}

	@Test
	void quotesTravelAsJsonAndSendsAndListenerCallsAreObservations() {
		await().atMost(Duration.ofSeconds(20)).until(() -> this.subscriber.quotesReceived() >= 2);
		RestClient http = RestClient.create("http://localhost:" + this.port);
		String template = http.get().uri("/actuator/metrics/zmq.template?tag=socket:ticks").retrieve().body(String.class);
		assertThat(template).contains("\"name\":\"zmq.template\"").contains("\"statistic\":\"COUNT\"");
		String listener = http.get()
			.uri("/actuator/metrics/zmq.listener?tag=socket:ticks-in")
			.retrieve()
			.body(String.class);
		assertThat(listener).contains("\"name\":\"zmq.listener\"").contains("\"type\"");
		String failures = http.get()
			.uri("/actuator/metrics/zmq.socket.messages.conversion.failures?tag=socket:ticks-in")
			.retrieve()
			.body(String.class);
		assertThat(failures).contains("\"value\":0.0");
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
