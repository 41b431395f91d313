package dev.zmqkeepalive.sample;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The sample with {@code sample.envelope=true}: the subscriber counts loss from the
 * envelope, and on a loopback link that loses nothing every tick the publisher sent is
 * either received by the listener or was sent before the subscriber joined.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "sample.envelope=true", "sample.ticks.interval=0" })
class SampleApplicationEnvelopeTests {

	private static final int ZMQ_PORT = freePort();

	@DynamicPropertySource
	static void ticksPort(DynamicPropertyRegistry registry) {
		registry.add("zmq.keepalive.sockets.ticks.bind", () -> "tcp://127.0.0.1:" + ZMQ_PORT);
		registry.add("zmq.keepalive.sockets.ticks-in.connect", () -> "tcp://127.0.0.1:" + ZMQ_PORT);
	}

	@LocalServerPort
	int port;

	@Autowired
	TickSubscriber subscriber;

	@Autowired
	TickPublisher publisher;

	@Test
	void theSubscriberCountsNothingLostAndAccountsForEveryTickSent() {
		RestClient http = RestClient.create("http://localhost:" + this.port);
		// The subscription takes a moment to reach the publisher: publish until one arrives.
		await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).until(() -> {
			this.publisher.publish();
			return this.subscriber.received() > 0;
		});
		http.post().uri("/ticks?count=500").retrieve().toBodilessEntity();
		long sent = this.publisher.publish();
		await().atMost(Duration.ofSeconds(20)).until(() -> lastSequence(http) == sent);

		Map<String, Object> publisher = publishers(http).get(0);
		long joinedAt = ((Number) publisher.get("firstSequence")).longValue();
		assertThat(this.subscriber.received() + (joinedAt - 1)).isEqualTo(sent);
		assertThat(publisher.get("lost")).isEqualTo(0);

		String lost = http.get()
			.uri("/actuator/metrics/zmq.socket.messages.lost?tag=socket:ticks-in")
			.retrieve()
			.body(String.class);
		assertThat(lost).contains("\"value\":0.0");
		String age = http.get().uri("/actuator/metrics/zmq.socket.messages.age").retrieve().body(String.class);
		assertThat(age).contains("\"name\":\"zmq.socket.messages.age\"");
		String health = http.get().uri("/actuator/health/zmq/ticks-in").retrieve().body(String.class);
		assertThat(health).contains("\"messagesLost\":0");
	}

	private long lastSequence(RestClient http) {
		List<Map<String, Object>> publishers = publishers(http);
		return publishers.isEmpty() ? 0 : ((Number) publishers.get(0).get("lastSequence")).longValue();
	}

	@SuppressWarnings("unchecked")
	private List<Map<String, Object>> publishers(RestClient http) {
		Map<String, Object> socket = http.get()
			.uri("/actuator/zmq/ticks-in")
			.retrieve()
			.body(new ParameterizedTypeReference<Map<String, Object>>() {
			});
		Map<String, Object> messages = (Map<String, Object>) socket.get("messages");
		Object publishers = messages.get("publishers");
		return (publishers != null) ? (List<Map<String, Object>>) publishers : List.of();
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
