package dev.zmqkeepalive.socket;

import java.time.Duration;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.zmqkeepalive.TestPorts;
import dev.zmqkeepalive.actuate.ZmqEndpoint;
import dev.zmqkeepalive.actuate.ZmqEndpoint.SocketDescriptor;
import dev.zmqkeepalive.autoconfigure.ZmqKeepaliveAutoConfiguration;
import dev.zmqkeepalive.autoconfigure.actuate.ZmqEndpointAutoConfiguration;
import dev.zmqkeepalive.autoconfigure.health.ZmqHealthContributorAutoConfiguration;
import dev.zmqkeepalive.autoconfigure.metrics.ZmqMetricsAutoConfiguration;
import dev.zmqkeepalive.core.ZmqTemplate;
import dev.zmqkeepalive.metrics.ZmqSocketMetrics;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Health, meters and {@code /actuator/zmq} keep following a socket through a stop and a
 * start: DOWN and no peers while it is stopped, the new socket's peers after, the same
 * meters (no duplicate, none stale) with counts that carry on.
 */
class StopAndStartObservabilityTests {

	private final int port = TestPorts.free();

	private final ApplicationContextRunner publisher = StopAndStartTests.publisher(this.port);

	private final ApplicationContextRunner subscriber = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ZmqKeepaliveAutoConfiguration.class, ZmqMetricsAutoConfiguration.class,
				ZmqHealthContributorAutoConfiguration.class, ZmqEndpointAutoConfiguration.class))
		.withUserConfiguration(StopAndStartTests.Received.class)
		.withPropertyValues(StopAndStartTests.subscriberProperties(this.port))
		.withPropertyValues("management.endpoints.web.exposure.include=zmq");

	@Test
	void healthMetersAndTheEndpointShowTheStoppedSocketThenTheReopenedOne() {
		this.publisher.run((pub) -> this.subscriber.run((sub) -> {
			ZmqTemplate template = pub.getBean(ZmqTemplate.class);
			StopAndStartTests.Received received = sub.getBean(StopAndStartTests.Received.class);
			MeterRegistry meters = new SimpleMeterRegistry();
			sub.getBean(ZmqSocketMetrics.class).bindTo(meters);
			int meterCount = meters.getMeters().size();
			HealthIndicator health = health(sub);
			ZmqEndpoint endpoint = sub.getBean(ZmqEndpoint.class);

			StopAndStartTests.awaitDelivery(template, received, "before the stop");
			assertThat(health.health().getStatus()).isEqualTo(Status.UP);
			double inBefore = messagesIn(meters);
			assertThat(inBefore).isGreaterThanOrEqualTo(1);

			sub.stop();
			Health stopped = health.health();
			assertThat(stopped.getStatus()).isEqualTo(Status.DOWN);
			assertThat(stopped.getDetails()).containsEntry("peers", 0);
			assertThat(String.valueOf(stopped.getDetails().get("reason"))).startsWith("stopped");
			assertThat(meters.get("zmq.socket.peers").tag("socket", "in").gauge().value()).isZero();
			SocketDescriptor described = endpoint.socket("in");
			assertThat(described.peers()).isZero();
			assertThat(described.connections()).isEmpty();

			sub.start();
			StopAndStartTests.awaitDelivery(template, received, "after the start");
			assertThat(health.health().getStatus()).isEqualTo(Status.UP);
			assertThat(health.health().getDetails()).containsEntry("peers", 1);
			assertThat(meters.getMeters()).hasSize(meterCount);
			assertThat(meters.get("zmq.socket.peers").tag("socket", "in").gauge().value()).isEqualTo(1.0);
			// A counter that carries on, never one that starts again from zero.
			assertThat(messagesIn(meters)).isGreaterThan(inBefore);
			assertThat(endpoint.socket("in").connections()).singleElement()
				.satisfies((connection) -> assertThat(connection.handshakeAt()).isNotNull());
		}));
	}

	private static HealthIndicator health(AssertableApplicationContext context) {
		return (HealthIndicator) context.getBean("zmqHealthContributor", CompositeHealthContributor.class)
			.getContributor("in");
	}

	private static double messagesIn(MeterRegistry meters) {
		return meters.get("zmq.socket.messages").tag("socket", "in").tag("direction", "in").functionCounter().count();
	}

}
