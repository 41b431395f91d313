package dev.zmqkeepalive.natlab;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scenario 1: the bug report, reproduced. Plain JeroMQ sockets with default options (no
 * keepalive, no heartbeats) across a NAT that forgets idle connections: the publisher loses
 * its connection on its next send, the subscriber keeps a dead one and never hears again.
 * These tests pass when the failure happens.
 */
class BaselineNatLabTests {

	static final Duration ROUTER_TIMEOUT = Duration.ofSeconds(4);

	static final int PORT = 5556;

	/** Long enough for a reconnect at JeroMQ's default 100 ms to have happened many times over. */
	static final Duration SILENCE_WINDOW = Duration.ofSeconds(3);

	@BeforeAll
	static void checkPrerequisites() {
		LabAssumptions.assumeLabCanRun();
	}

	@AfterAll
	static void printReport() {
		LabReport.print();
	}

	@ParameterizedTest(name = "{0} publisher")
	@EnumSource(PlainPublisherKind.class)
	void defaultSubscriberNeverHearsAgainAfterTheRouterForgetsTheIdleConnection(PlainPublisherKind kind) {
		try (NatLab lab = NatLab.create(ROUTER_TIMEOUT)) {
			StdinPublisher publisher = kind.start(lab);
			LabProcess subscriber = lab.start("plain-jeromq-subscriber", Host.SUBSCRIBER, LabCommands.java(
					PlainJeromqSubscriber.class.getName(), "--connect=tcp://" + NatTopology.PUBLISHER_ADDRESS + ":" + PORT));
			subscriber.awaitLine(LabPatterns.READY, Duration.ofSeconds(20));
			assertThat(Deliveries.awaitFirstDelivery(publisher::publish, subscriber, Duration.ofSeconds(20)))
				.as("a message gets through before the fault").isPresent();
			assertThat(lab.topology.trackedConnections()).as("the router tracks the connection").hasSize(1);

			// The fault is the idle period itself: wait for the router to forget the connection.
			Instant idleSince = Instant.now();
			Instant forgotten = awaitRouterForgets(lab.topology, ROUTER_TIMEOUT.plusSeconds(10));
			Duration idle = Duration.between(idleSince, forgotten);

			List<Long> ticks = publisher.publish(5);
			awaitNoConnection(lab.topology, Host.PUBLISHER, Duration.ofSeconds(5));
			List<Long> missing = Deliveries.missingAfter(ticks, subscriber, SILENCE_WINDOW);
			List<TcpConnection> subscriberSide = lab.topology.establishedConnections(Host.SUBSCRIBER, PORT);
			boolean subscriberNoticed = !subscriber.linesMatching(LabPatterns.DISCONNECTED, forgotten).isEmpty();

			boolean reproduced = missing.size() == ticks.size() && subscriberSide.size() == 1 && !subscriberNoticed;
			LabReport.add(new ScenarioResult("1 baseline: idle " + LabReport.format(idle, "?") + " > router timeout",
					publisher.description(), "plain JeroMQ, defaults",
					"conntrack established " + ROUTER_TIMEOUT.toSeconds() + " s; no keepalive, no heartbeat", null, null,
					null, null, ticks.size(), missing.size(), reproduced ? "failure reproduced" : "NOT reproduced"));

			assertThat(lab.topology.establishedConnections(Host.PUBLISHER, PORT))
				.as("the publisher has no connection after the router's reset").isEmpty();
			assertThat(subscriberSide).as("the subscriber still believes in its connection").hasSize(1);
			assertThat(subscriberNoticed).as("the subscriber never notices").isFalse();
			assertThat(missing).as("messages published after the idle period never arrive").isEqualTo(ticks);
		}
	}

	static Instant awaitRouterForgets(NatTopology topology, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (!topology.trackedConnections().isEmpty()) {
			assertThat(System.nanoTime()).as("router forgets the connection within " + timeout).isLessThan(deadline);
			pause(Duration.ofMillis(100));
		}
		return Instant.now();
	}

	static void awaitNoConnection(NatTopology topology, Host host, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (!topology.establishedConnections(host, PORT).isEmpty() && System.nanoTime() < deadline) {
			pause(Duration.ofMillis(100));
		}
	}

	// Polling interval between kernel-state checks, not a stand-in for an assertion.
	private static void pause(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	enum PlainPublisherKind {

		JEROMQ("plain JeroMQ, defaults") {
			@Override
			LabProcess startProcess(NatLab lab) {
				return lab.start("plain-jeromq-publisher", Host.PUBLISHER,
						LabCommands.java(PlainJeromqPublisher.class.getName(), "--bind=tcp://*:" + PORT));
			}
		},

		LIBZMQ("libzmq (pyzmq), defaults") {
			@Override
			LabProcess startProcess(NatLab lab) {
				return lab.start("libzmq-publisher", Host.PUBLISHER, LabCommands.libzmqPublisher("--bind=tcp://*:" + PORT));
			}
		};

		private final String description;

		PlainPublisherKind(String description) {
			this.description = description;
		}

		abstract LabProcess startProcess(NatLab lab);

		StdinPublisher start(NatLab lab) {
			LabProcess process = startProcess(lab);
			process.awaitLine(LabPatterns.READY, Duration.ofSeconds(20));
			return new StdinPublisher(process, this.description);
		}

	}

}
