package dev.zmqkeepalive.sample;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.zeromq.ZMQ;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.zmqkeepalive.socket.CurveSettings;
import dev.zmqkeepalive.socket.ManagedSocketRegistry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The sample switched to CURVE by the profile "curve" and key files alone, as the README
 * shows: the subscriber is on the publisher's allow-list and receives ticks.
 */
@SpringBootTest
@ActiveProfiles({ "both", "curve" })
class SampleApplicationCurveTests {

	private static final int ZMQ_PORT = freePort();

	private static final Path KEYS = keys();

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("zmq.keepalive.sockets.ticks.bind", () -> "tcp://127.0.0.1:" + ZMQ_PORT);
		registry.add("zmq.keepalive.sockets.ticks-in.connect", () -> "tcp://127.0.0.1:" + ZMQ_PORT);
		registry.add("sample.ticks.interval", () -> "200ms");
		registry.add("sample.keys", KEYS::toString);
	}

	@Autowired
	TickSubscriber subscriber;

	@Autowired
	ManagedSocketRegistry sockets;

	@Test
	void theSubscriberOnTheAllowListReceivesTicksOverCurve() {
		assertThat(this.sockets.get("ticks").settings().curve().role()).isEqualTo(CurveSettings.Role.SERVER);
		assertThat(this.sockets.get("ticks").settings().curve().allowedClients()).hasSize(1);
		assertThat(this.sockets.get("ticks-in").settings().curve().role()).isEqualTo(CurveSettings.Role.CLIENT);
		await().atMost(Duration.ofSeconds(20)).until(() -> this.subscriber.received() >= 3);
	}

	/** The key files the README's commands make, made here with JeroMQ. */
	private static Path keys() {
		try {
			Path keys = Files.createTempDirectory("sample-keys");
			for (String name : new String[] { "server", "client" }) {
				ZMQ.Curve.KeyPair pair = ZMQ.Curve.generateKeyPair();
				Files.writeString(keys.resolve(name + ".pub"), pair.publicKey + "\n");
				Files.writeString(keys.resolve(name + ".key"), pair.secretKey + "\n");
			}
			Files.copy(keys.resolve("client.pub"), keys.resolve("clients.pub"));
			return keys;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
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
