package dev.zmqkeepalive.event;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.zmqkeepalive.autoconfigure.ZmqKeepaliveAutoConfiguration;
import dev.zmqkeepalive.autoconfigure.health.ZmqHealthContributorAutoConfiguration;
import dev.zmqkeepalive.core.ZmqTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An inbound socket that hears nothing for its silence timeout reports {@code silent}
 * and goes DOWN; the next message reports {@code resumed} and brings it back UP.
 */
class SilenceTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ZmqKeepaliveAutoConfiguration.class,
				ZmqHealthContributorAutoConfiguration.class))
		.withBean(RecordedEvents.class)
		.withPropertyValues("zmq.keepalive.sockets.out.type=push", "zmq.keepalive.sockets.out.bind=inproc://silence",
				"zmq.keepalive.sockets.in.type=pull", "zmq.keepalive.sockets.in.connect=inproc://silence",
				"zmq.keepalive.sockets.in.silence-timeout=700ms");

	@Test
	void silenceIsReportedAndSoIsTheTrafficThatEndsIt() {
		this.runner.run((context) -> {
			RecordedEvents events = context.getBean(RecordedEvents.class);
			HealthIndicator health = (HealthIndicator) context
				.getBean("zmqHealthContributor", CompositeHealthContributor.class)
				.getContributor("in");
			long start = System.nanoTime();
			await().atMost(Duration.ofSeconds(5)).until(() -> events.count("in", ZmqSocketEventKind.SILENT) == 1);
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(500));
			assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);
			assertThat((String) health.health().getDetails().get("reason")).contains("silence-timeout 700ms");

			context.getBean(ZmqTemplate.class).send("out", "t", "hello");

			await().atMost(Duration.ofSeconds(5)).until(() -> events.count("in", ZmqSocketEventKind.RESUMED) == 1);
			assertThat(health.health().getStatus()).isEqualTo(Status.UP);
			assertThat(events.count("in", ZmqSocketEventKind.SILENT)).isEqualTo(1);
		});
	}

}
