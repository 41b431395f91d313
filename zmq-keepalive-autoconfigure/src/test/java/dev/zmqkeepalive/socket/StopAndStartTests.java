package dev.zmqkeepalive.socket;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import dev.zmqkeepalive.TestPorts;
import dev.zmqkeepalive.autoconfigure.ZmqKeepaliveAutoConfiguration;
import dev.zmqkeepalive.core.ZmqTemplate;
import dev.zmqkeepalive.listener.ZmqListener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Stopping an application context closes its sockets; starting it again opens them
 * again, with the same settings, and messages flow through the template and the
 * listeners as before, cycle after cycle, without leaking threads or descriptors.
 */
class StopAndStartTests {

	private static final Duration DEADLINE = Duration.ofSeconds(10);

	private final int port = TestPorts.free();

	private final ApplicationContextRunner publisher = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ZmqKeepaliveAutoConfiguration.class))
		.withPropertyValues("zmq.keepalive.sockets.out.type=pub",
				"zmq.keepalive.sockets.out.bind=tcp://127.0.0.1:" + this.port);

	private final ApplicationContextRunner subscriber = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ZmqKeepaliveAutoConfiguration.class))
		.withUserConfiguration(Received.class)
		.withPropertyValues("zmq.keepalive.sockets.in.type=sub",
				"zmq.keepalive.sockets.in.connect=tcp://127.0.0.1:" + this.port,
				"zmq.keepalive.sockets.in.topics=t");

	@Test
	void aSubscriberContextStoppedAndStartedAgainReceivesAgain() {
		this.publisher.run((pub) -> this.subscriber.run((sub) -> {
			ZmqTemplate template = pub.getBean(ZmqTemplate.class);
			Received received = sub.getBean(Received.class);
			ManagedSocket in = sub.getBean(ManagedSocketRegistry.class).get("in");
			awaitDelivery(template, received, "before the stop");
			sub.stop();
			assertThat(threadNames()).doesNotContain("zmq-in");
			sub.start();
			awaitDelivery(template, received, "after the start");
			// The handle obtained before the stop is the socket that runs now.
			assertThat(sub.getBean(ManagedSocketRegistry.class).get("in")).isSameAs(in);
			assertThat(in.state().livePeerCount()).isEqualTo(1);
		}));
	}

	@Test
	void aPublisherContextStoppedAndStartedAgainBindsItsPortAgainAndSends() {
		this.publisher.run((pub) -> this.subscriber.run((sub) -> {
			ZmqTemplate template = pub.getBean(ZmqTemplate.class);
			Received received = sub.getBean(Received.class);
			awaitDelivery(template, received, "before the stop");
			pub.stop();
			long start = System.nanoTime();
			assertThatExceptionOfType(ZmqSendException.class)
				.isThrownBy(() -> template.send("out", "t", "while stopped"))
				.withMessageContaining("Socket 'out' is stopped");
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(500));
			pub.start();
			awaitDelivery(template, received, "after the start");
			assertThat(received.payloads).doesNotContain("while stopped");
		}));
	}

	@Test
	void threeStopStartCyclesOfBothSidesLeakNoThreadAndNoDescriptor() {
		this.publisher.run((pub) -> this.subscriber.run((sub) -> {
			ZmqTemplate template = pub.getBean(ZmqTemplate.class);
			Received received = sub.getBean(Received.class);
			awaitDelivery(template, received, "warm-up");
			List<String> threadsBefore = zmqThreads();
			long descriptorsBefore = openDescriptors();
			for (int cycle = 1; cycle <= 3; cycle++) {
				sub.stop();
				pub.stop();
				pub.start();
				sub.start();
				awaitDelivery(template, received, "cycle " + cycle);
			}
			List<String> threadsAfter = zmqThreads();
			long descriptorsAfter = openDescriptors();
			System.out.println("zmq-* threads before " + threadsBefore + ", after " + threadsAfter
					+ "; open descriptors before " + descriptorsBefore + ", after " + descriptorsAfter);
			assertThat(threadsAfter).isEqualTo(threadsBefore);
			// A leak of one descriptor per socket and cycle would add 6.
			assertThat(descriptorsAfter).isBetween(descriptorsBefore - 2, descriptorsBefore + 2);
		}));
	}

	static void awaitDelivery(ZmqTemplate template, Received received, String text) {
		// A subscriber joins a PUB asynchronously: send until one copy arrives.
		await().atMost(DEADLINE).pollInterval(Duration.ofMillis(50)).until(() -> {
			template.send("out", "t", text);
			return received.payloads.contains(text);
		});
	}

	/** The starter's threads and JeroMQ's (both contexts' I/O and reaper threads), sorted. */
	static List<String> zmqThreads() {
		return threadNames().stream()
			.filter((name) -> name.startsWith("zmq-") || name.startsWith("iothread-") || name.startsWith("reaper-"))
			.sorted()
			.toList();
	}

	static List<String> threadNames() {
		return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName).toList();
	}

	static long openDescriptors() {
		Path fds = Path.of("/proc/self/fd");
		if (!Files.isDirectory(fds)) {
			return -1;
		}
		try (Stream<Path> entries = Files.list(fds)) {
			return entries.count();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Configuration(proxyBeanMethods = false)
	static class Received {

		final List<String> payloads = new CopyOnWriteArrayList<>();

		@ZmqListener(socket = "in")
		void onMessage(String topic, String payload) {
			this.payloads.add(payload);
		}

	}

}
