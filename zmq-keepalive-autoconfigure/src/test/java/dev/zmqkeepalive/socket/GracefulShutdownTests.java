package dev.zmqkeepalive.socket;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.zmqkeepalive.TestPorts;
import dev.zmqkeepalive.core.ZmqTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Sockets stop after the web server's graceful shutdown has drained: a request that is
 * still running when shutdown begins can send its message.
 */
class GracefulShutdownTests {

	@Test
	void aRequestInFlightWhenGracefulShutdownBeginsCanStillSend() throws Exception {
		int zmqPort = TestPorts.free();
		ConfigurableApplicationContext context = new SpringApplicationBuilder(WebApplication.class)
			.properties("server.port=0", "server.shutdown=graceful", "spring.lifecycle.timeout-per-shutdown-phase=20s",
					"zmq.keepalive.sockets.out.type=pub", "zmq.keepalive.sockets.out.bind=tcp://127.0.0.1:" + zmqPort)
			.run();
		InFlightController controller = context.getBean(InFlightController.class);
		controller.serverPort = ((WebServerApplicationContext) context).getWebServer().getPort();
		try (ZContext plain = new ZContext(); ZMQ.Socket subscriber = plain.createSocket(SocketType.SUB)) {
			subscriber.subscribe(new byte[0]);
			subscriber.setReceiveTimeOut(100);
			subscriber.connect("tcp://127.0.0.1:" + zmqPort);
			ZmqTemplate template = context.getBean(ZmqTemplate.class);
			await().atMost(Duration.ofSeconds(10)).until(() -> {
				template.send("out", "t", "probe");
				return receivePayload(subscriber) != null;
			});
			CompletableFuture<HttpResponse<String>> response = HttpClient.newHttpClient()
				.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + controller.serverPort + "/send"))
					.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(controller.entered.await(10, TimeUnit.SECONDS)).isTrue();
			context.close();
			assertThat(response.get(10, TimeUnit.SECONDS).body()).isEqualTo("sent");
			await().atMost(Duration.ofSeconds(5)).until(() -> "in flight".equals(receivePayload(subscriber)));
		}
		finally {
			context.close();
		}
	}

	private static String receivePayload(ZMQ.Socket subscriber) {
		String topic = subscriber.recvStr();
		return (topic != null) ? subscriber.recvStr() : null;
	}

	private static boolean refusesConnections(int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
			return false;
		}
		catch (IOException ex) {
			return true;
		}
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import(InFlightController.class)
	static class WebApplication {

	}

	@RestController
	static class InFlightController {

		private final ZmqTemplate zmq;

		final CountDownLatch entered = new CountDownLatch(1);

		volatile int serverPort;

		InFlightController(ZmqTemplate zmq) {
			this.zmq = zmq;
		}

		@GetMapping("/send")
		String send() {
			this.entered.countDown();
			// Graceful shutdown has begun once the server no longer accepts connections.
			await().atMost(Duration.ofSeconds(10)).until(() -> refusesConnections(this.serverPort));
			try {
				this.zmq.send("out", "t", "in flight");
				return "sent";
			}
			catch (ZmqSendException ex) {
				return ex.getMessage();
			}
		}

	}

}
