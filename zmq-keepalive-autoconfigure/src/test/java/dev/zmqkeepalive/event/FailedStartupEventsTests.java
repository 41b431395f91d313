package dev.zmqkeepalive.event;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;

import dev.zmqkeepalive.TestPorts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.awaitility.Awaitility.await;

/**
 * Once the application context is closing, socket events no longer reach application
 * listeners: a startup that fails (a port in use) tears the context down, and events
 * that happen meanwhile (sockets already opened are closed again) met listener beans
 * being destroyed.
 */
@ExtendWith(OutputCaptureExtension.class)
class FailedStartupEventsTests {

	private static final Object CLOSING = "context closing";

	private final List<Object> received = new CopyOnWriteArrayList<>();

	private final ApplicationListener<ZmqSocketEvent> listener = this.received::add;

	@Test
	void whenASocketsPortIsInUseThenNoSocketEventReachesListeners(CapturedOutput output) throws IOException {
		try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			assertThatException().isThrownBy(() -> application(WebApplicationType.NONE).run(
					"--zmq.keepalive.sockets.a.type=pub", "--zmq.keepalive.sockets.a.bind=tcp://127.0.0.1:*",
					"--zmq.keepalive.sockets.b.type=sub",
					"--zmq.keepalive.sockets.b.connect=tcp://127.0.0.1:" + TestPorts.free(),
					"--zmq.keepalive.sockets.z.type=pub",
					"--zmq.keepalive.sockets.z.bind=tcp://127.0.0.1:" + taken.getLocalPort()));
		}
		assertThat(this.received).isEmpty();
		assertThat(output).doesNotContain("BeanCreationNotAllowedException").doesNotContain("Listener failed");
	}

	@Test
	void whenTheWebServersPortIsInUseThenNoSocketEventReachesListeners(CapturedOutput output) throws IOException {
		try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			assertThatException().isThrownBy(() -> application(WebApplicationType.SERVLET).run(
					"--server.address=127.0.0.1", "--server.port=" + taken.getLocalPort(),
					"--zmq.keepalive.sockets.a.type=pub", "--zmq.keepalive.sockets.a.bind=tcp://127.0.0.1:*"));
		}
		assertThat(output).contains("was already in use").doesNotContain("BeanCreationNotAllowedException")
			.doesNotContain("Listener failed");
		// The sockets had started (they start before the web server) and may have said so;
		// a bound socket is closed only by the teardown, which no listener hears of.
		assertThat(this.received).noneSatisfy((event) -> assertThat(event).isInstanceOfSatisfying(
				ZmqSocketEvent.class, (socketEvent) -> assertThat(socketEvent.getKind()).isEqualTo(ZmqSocketEventKind.CLOSED)));
	}

	@Test
	void whenTheContextClosesThenListenersHearOfNoSocketEventFromThen() {
		ConfigurableApplicationContext context = application(WebApplicationType.NONE)
			.run("--zmq.keepalive.sockets.a.type=pub", "--zmq.keepalive.sockets.a.bind=tcp://127.0.0.1:*");
		RecordedEvents beanListener = context.getBean(RecordedEvents.class);
		await().atMost(Duration.ofSeconds(10)).until(() -> beanListener.count("a", ZmqSocketEventKind.LISTENING) == 1);
		this.received.add(CLOSING);
		context.close();
		assertThat(this.received.subList(this.received.indexOf(CLOSING), this.received.size()))
			.noneMatch(ZmqSocketEvent.class::isInstance);
	}

	private SpringApplicationBuilder application(WebApplicationType type) {
		return new SpringApplicationBuilder(Application.class).web(type).listeners(this.listener);
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import(RecordedEvents.class)
	static class Application {

	}

}
