package dev.zmqkeepalive.natlab;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scenario 1: the bug report, reproduced. Plain JeroMQ sockets with default options (no
 * keepalive, no heartbeats) across a NAT that forgets idle connections: the publisher loses
 * its connection on its next send, the subscriber keeps a dead one and never hears again.
 * These tests pass when the failure happens.
 */
class BaselineNatLabTests extends NatLabTest {

	static final Duration ROUTER_TIMEOUT = Duration.ofSeconds(4);

	/** Long enough for a reconnect at JeroMQ's default 100 ms to have happened many times over. */
	static final Duration SILENCE_WINDOW = Duration.ofSeconds(3);

	@ParameterizedTest(name = "{0} publisher")
	@EnumSource(PlainPublishers.class)
	void defaultSubscriberNeverHearsAgainAfterTheRouterForgetsTheIdleConnection(PlainPublishers publisherKind) {
		try (NatLab lab = NatLab.create(ROUTER_TIMEOUT)) {
			LabPublisher publisher = publisherKind.start(lab, null);
			LabProcess subscriber = PlainJeromqSubscribers.DEFAULTS.start(lab, null);
			assertThat(Deliveries.awaitFirstDelivery(publisher, subscriber, Instant.EPOCH, Duration.ofSeconds(20)))
				.as("a message gets through before the fault").isPresent();
			assertThat(lab.topology.trackedConnections()).as("the router tracks the connection").hasSize(1);

			// The fault is the idle period itself: wait for the router to forget the connection.
			Instant idleSince = Instant.now();
			Instant forgotten = Waits.until(() -> lab.topology.trackedConnections().isEmpty(),
					ROUTER_TIMEOUT.plusSeconds(10));
			assertThat(forgotten).as("the router forgets the idle connection").isNotNull();
			Duration idle = Duration.between(idleSince, forgotten);

			List<Long> ticks = publisher.publish(5);
			Waits.until(() -> lab.topology.establishedConnections(Host.PUBLISHER, Waits.PORT).isEmpty(),
					Duration.ofSeconds(5));
			List<Long> missing = Deliveries.missingAfter(ticks, subscriber, forgotten, SILENCE_WINDOW);
			List<TcpConnection> publisherSide = lab.topology.establishedConnections(Host.PUBLISHER, Waits.PORT);
			List<TcpConnection> subscriberSide = lab.topology.establishedConnections(Host.SUBSCRIBER, Waits.PORT);
			boolean subscriberNoticed = !subscriber.linesMatching(LabPatterns.DISCONNECTED, forgotten).isEmpty();

			// The plain subscriber's own count against the lab's: nothing arrives after the fault,
			// so no later message can show the gap; both count what they can see, the same.
			LossCount loss = LossCount.count(List.of(new LossCount.Instance(publisher, Instant.EPOCH)),
					PlainJeromqSubscribers.DEFAULTS, lab.topology, subscriber);
			boolean reproduced = missing.size() == ticks.size() && publisherSide.isEmpty() && subscriberSide.size() == 1
					&& !subscriberNoticed;
			LabReport.add(new ScenarioResult("1 baseline: idle " + LabReport.format(idle, "?") + ", then publish",
					publisher.description(), PlainJeromqSubscribers.DEFAULTS.description(),
					"router forgets after " + ROUTER_TIMEOUT.toSeconds() + " s; keepalive off, heartbeat off", null, null,
					null, null, ticks.size(), missing.size(), loss.meter(), loss.harness(),
					(reproduced ? "failure reproduced" : "NOT reproduced") + ": ss shows publisher " + publisherSide.size()
							+ ", subscriber " + subscriberSide.size() + " connection(s); the " + missing.size()
							+ " lost are invisible to a sequence count, nothing arrives after them"
							+ (loss.agrees() ? "" : "; FAIL: " + loss.describe())));

			assertThat(publisherSide).as("the publisher has no connection after the router's reset").isEmpty();
			assertThat(subscriberSide).as("the subscriber still believes in its connection").hasSize(1);
			assertThat(subscriberNoticed).as("the subscriber never notices").isFalse();
			assertThat(missing).as("messages published after the idle period never arrive").isEqualTo(ticks);
			FaultScenarios.assertLossAgrees(loss);
		}
	}

}
