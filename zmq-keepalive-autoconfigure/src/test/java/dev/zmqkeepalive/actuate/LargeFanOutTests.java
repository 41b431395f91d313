package dev.zmqkeepalive.actuate;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.management.UnixOperatingSystemMXBean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import dev.zmqkeepalive.socket.ManagedSocketRegistry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A publisher with 1,000 real subscribers (JeroMQ sockets in this JVM, each its own TCP
 * connection): {@code /actuator/health}, polled every few seconds by orchestrators,
 * stays small; {@code /actuator/zmq} returns the connections a page at a time, and the
 * pages together hold every one. Sizes are printed for the README.
 */
class LargeFanOutTests {

	private static final int SUBSCRIBERS = 1000;

	private static final Pattern REMOTE = Pattern.compile("\"remoteAddress\":\"([^\"]+)\"");

	private static ConfigurableApplicationContext publisher;

	private static ZContext subscriberContext;

	private static String base;

	@BeforeAll
	static void thousandSubscribers() {
		// Each JeroMQ socket holds a mailbox pipe and a selector, and both ends of every
		// connection are in this JVM: about 6 descriptors per subscriber.
		long limit = ((UnixOperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
			.getMaxFileDescriptorCount();
		assertThat(limit).as("open-file limit (ulimit -n) for %d subscribers in this JVM", SUBSCRIBERS)
			.isGreaterThan(8L * SUBSCRIBERS);
		publisher = new SpringApplicationBuilder(Application.class).properties("server.port=0",
				"management.endpoints.web.exposure.include=health,zmq", "management.endpoint.health.show-details=always",
				"zmq.keepalive.sockets.ticks.type=pub", "zmq.keepalive.sockets.ticks.bind=tcp://127.0.0.1:*")
			.run();
		base = "http://127.0.0.1:" + ((WebServerApplicationContext) publisher).getWebServer().getPort();
		ManagedSocketRegistry sockets = publisher.getBean(ManagedSocketRegistry.class);
		String endpoint = sockets.get("ticks").endpoints().get(0);
		subscriberContext = new ZContext(1);
		for (int i = 0; i < SUBSCRIBERS; i++) {
			ZMQ.Socket subscriber = subscriberContext.createSocket(SocketType.SUB);
			subscriber.subscribe("ticks".getBytes(StandardCharsets.UTF_8));
			subscriber.connect(endpoint);
		}
		await().atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(250))
			.until(() -> sockets.get("ticks").state().livePeerCount() == SUBSCRIBERS);
		System.out.printf("%d subscribers connected; open file descriptors in this JVM: %d of %d%n", SUBSCRIBERS,
				((UnixOperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getOpenFileDescriptorCount(),
				limit);
	}

	@AfterAll
	static void close() {
		if (publisher != null) {
			publisher.close();
		}
		if (subscriberContext != null) {
			subscriberContext.close();
		}
	}

	@Test
	void healthListsAFewPeersAndCountsTheRest() throws Exception {
		String health = get("/actuator/health");
		String socketHealth = get("/actuator/health/zmq/ticks");
		System.out.printf("%d subscribers: /actuator/health %d bytes, /actuator/health/zmq/ticks %d bytes%n",
				SUBSCRIBERS, health.length(), socketHealth.length());
		assertThat(socketHealth).contains("\"peers\":" + SUBSCRIBERS)
			.contains("\"peersNotListed\":" + (SUBSCRIBERS - 5));
		assertThat(peerAddresses(socketHealth)).hasSize(5);
		assertThat(health.length()).isLessThan(4 * 1024);
	}

	@Test
	void zmqEndpointReturnsConnectionsAPageAtATimeAndThePagesHoldThemAll() throws Exception {
		String all = get("/actuator/zmq");
		String socket = get("/actuator/zmq/ticks");
		System.out.printf("%d subscribers: /actuator/zmq %d bytes, /actuator/zmq/ticks %d bytes (default page)%n",
				SUBSCRIBERS, all.length(), socket.length());
		assertThat(all.length()).isLessThan(40 * 1024);
		assertThat(socket).contains("\"connectionCount\":" + SUBSCRIBERS);
		assertThat(remotes(socket)).hasSize(100);
		Set<String> seen = new HashSet<>();
		for (int offset = 0; offset < SUBSCRIBERS; offset += 300) {
			List<String> page = remotes(get("/actuator/zmq/ticks?offset=" + offset + "&limit=300"));
			assertThat(page).hasSize(Math.min(300, SUBSCRIBERS - offset));
			seen.addAll(page);
		}
		assertThat(seen).hasSize(SUBSCRIBERS);
	}

	@Test
	void aNegativeLimitIsABadRequest() throws Exception {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(base + "/actuator/zmq/ticks?limit=-1")).build(),
					HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(400);
	}

	private static List<String> peerAddresses(String json) {
		return matches(Pattern.compile("\"address\":\"([^\"]+)\""), json);
	}

	private static List<String> remotes(String json) {
		return matches(REMOTE, json);
	}

	private static List<String> matches(Pattern pattern, String json) {
		List<String> found = new ArrayList<>();
		Matcher matcher = pattern.matcher(json);
		while (matcher.find()) {
			found.add(matcher.group(1));
		}
		return found;
	}

	private static String get(String path) throws Exception {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(base + path)).build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(path).isIn(200, 503);
		return response.body();
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class Application {

	}

}
