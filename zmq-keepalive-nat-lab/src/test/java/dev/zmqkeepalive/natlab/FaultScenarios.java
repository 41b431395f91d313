package dev.zmqkeepalive.natlab;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scenarios whose detection does not hang on heartbeats (keepalive, a flushed router
 * table, a killed process), for one subscriber and one publisher: each builds a fresh NAT
 * lab, connects, injects one fault, and measures detection (fault to DISCONNECTED), recovery
 * (path back to first message received) and messages lost, against the bounds that follow
 * from the settings used. Every result goes into the report before it is asserted, so a
 * failing run still documents what it saw. Heartbeat detection needs many trials at random
 * moments, not one: {@link DetectionTrialsNatLabTests}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class FaultScenarios extends SingleRunScenarios {

	static final LinkSettings BOTH = KEEPALIVE.withHeartbeat(Duration.ofSeconds(1), Duration.ofSeconds(3));

	@Test
	@Order(1)
	void keepaliveBelowTheRouterTimeoutKeepsTheMappingAliveAndLosesNothing() {
		try (Session session = connect(KEEPALIVE)) {
			Instant idleSince = Instant.now();
			Duration idle = ROUTER_TIMEOUT.multipliedBy(2);
			// The idle period is the would-be fault: watch the router's table through it.
			boolean mappingKept = true;
			while (Duration.between(idleSince, Instant.now()).compareTo(idle) < 0) {
				mappingKept &= session.lab.topology.trackedConnections().size() == 1;
				Waits.pause(Duration.ofMillis(250));
			}
			// Proof the options reached the kernel: only sockets with keepalive show its timer.
			boolean keepaliveTimer = session.lab.topology.socketDetails(Host.SUBSCRIBER).contains("timer:(keepalive");
			List<Long> batch = session.publisher.publish(BATCH);
			List<Long> missing = Deliveries.missingAfter(batch, session.subscriber, idleSince, DELIVERY_WINDOW);
			boolean disconnected = !session.subscriber.linesMatching(LabPatterns.DISCONNECTED, idleSince).isEmpty();
			LossCount loss = countLoss(session);
			String verdict = (mappingKept && !disconnected && missing.isEmpty() && keepaliveTimer && loss.agrees())
					? "PASS: mapping kept, ss shows the subscriber's keepalive timer"
					: "FAIL: mapping kept=" + mappingKept + ", disconnected=" + disconnected + ", keepalive timer="
							+ keepaliveTimer + ", " + loss.describe();
			record("2 idle " + idle.toSeconds() + " s, router timeout " + ROUTER_TIMEOUT.toSeconds() + " s", KEEPALIVE,
					null, null, null, null, batch, missing, loss, verdict);
			assertLossAgrees(loss);
			assertThat(keepaliveTimer).as("ss -tnoi shows a keepalive timer on the subscriber's socket").isTrue();
			assertThat(mappingKept).as("the router's entry survives the idle period").isTrue();
			assertThat(disconnected).as("no disconnect while idle").isFalse();
			assertThat(missing).as("messages lost").isEmpty();
		}
	}

	@Test
	@Order(2)
	void flushedRouterTableIsNoticedAndRecoveredWithinTheKeepaliveBound() {
		try (Session session = connect(KEEPALIVE);
				HealthWatcher health = subscriberHasHealth()
						? new HealthWatcher(session.lab.topology, Host.SUBSCRIBER, "ticks-in") : null) {
			Waits.pause(Duration.ofMillis(1500));
			Instant fault = Instant.now();
			session.lab.topology.flushConnectionTracking();
			// The publisher speaks first after the flush, as in the bug report: its data meets
			// a router that no longer knows the connection.
			session.publisher.publish(1);
			Duration detectionBound = KEEPALIVE.keepaliveDetectionBound();
			Optional<OutputLine> disconnected = session.subscriber.findLine(LabPatterns.DISCONNECTED, fault,
					detectionBound.plusSeconds(5));
			Instant pathBack = disconnected.map(OutputLine::time).orElse(Instant.now());
			Measured measured = measure(session, fault, disconnected, detectionBound, pathBack);
			List<String> notes = new ArrayList<>();
			List<String> failures = new ArrayList<>();
			notes.add("recovery from DISCONNECTED: the path itself never went away");
			Optional<OutputLine> connected = session.subscriber.findLine(LabPatterns.CONNECTED, pathBack,
					Duration.ofSeconds(1));
			notes.add("events: disconnected +" + LabReport.format(measured.detection(), "?") + ", connected "
					+ connected.map((line) -> "+" + LabReport.format(Duration.between(fault, line.time()), "?"))
						.orElse("missing"));
			if (connected.isEmpty()) {
				failures.add("no connected event after the disconnect");
			}
			if (health != null) {
				HealthWatcher.Sample recovered = health.awaitChange(
						(sample) -> sample.status().equals("UP") && sample.reconnects() >= 1, fault, Duration.ofSeconds(5));
				String history = health.statusHistory(fault);
				notes.add("health " + history + (history.contains("DOWN") ? ""
						: " (DOWN lasted less than one ~100 ms health poll)") + ", then disconnects="
						+ ((recovered != null) ? recovered.disconnects() + " reconnects=" + recovered.reconnects() : "?"));
				if (recovered == null) {
					failures.add("health did not return to UP with a reconnect counted");
				}
			}
			reportAndAssert("3 router table flushed (conntrack -F)", session, measured, notes, failures);
		}
	}

	/** Whether the subscriber serves {@code /actuator/health/zmq/ticks-in}. */
	boolean subscriberHasHealth() {
		return false;
	}

	@Test
	@Order(3)
	void blackholeIsDetectedByTcpKeepaliveAndRecoveredAfterThePathReturns() {
		blackhole("4 blackhole, keepalive only", KEEPALIVE, KEEPALIVE.keepaliveDetectionBound());
	}

	private void blackhole(String scenario, LinkSettings settings, Duration detectionBound) {
		try (Session session = connect(settings)) {
			Instant fault = Instant.now();
			session.lab.topology.blackhole();
			// Into the half-open connection: the publisher's socket takes them, nobody will ever get them.
			List<Long> intoTheBlackhole = session.publisher.publish(INTO_THE_BLACKHOLE);
			Duration outage = detectionBound.plusSeconds(1);
			Optional<OutputLine> disconnected = session.subscriber.findLine(LabPatterns.DISCONNECTED, fault, outage);
			// Keep the path down for longer than the bound, whatever was detected.
			Waits.pause(Duration.between(Instant.now(), fault.plus(outage)));
			if (disconnected.isEmpty()) {
				// Evidence for the report: what the subscriber's kernel holds when nothing was detected.
				System.out.println("natlab: " + scenario + ": no DISCONNECTED; subscriber ss -tnoi:\n"
						+ session.lab.topology.socketDetails(Host.SUBSCRIBER));
			}
			Instant pathBack = Instant.now();
			session.lab.topology.restore();
			Measured measured = measure(session, fault, disconnected, detectionBound, pathBack);
			List<Long> arrived = LossCount.receivedTicks(session.subscriber, fault, Instant.MAX);
			List<Long> lostThere = intoTheBlackhole.stream().filter((tick) -> !arrived.contains(tick)).toList();
			List<String> failures = (lostThere.size() == INTO_THE_BLACKHOLE) ? List.of()
					: List.of("of " + INTO_THE_BLACKHOLE + " published into the blackhole only " + lostThere.size() + " lost");
			reportAndAssert(scenario + " for " + outage.toSeconds() + " s", session, measured,
					List.of(INTO_THE_BLACKHOLE + " published into the blackhole, " + lostThere.size() + " of them lost"),
					failures);
		}
	}

	@Test
	@Order(5)
	void killedPublisherIsReplacedAndHeardAgain() {
		// The killed process's kernel closes its connections: detection needs no heartbeat.
		try (Session session = connect(BOTH)) {
			Instant fault = Instant.now();
			session.publisher.process().kill();
			Optional<OutputLine> disconnected = session.subscriber.findLine(LabPatterns.DISCONNECTED, fault,
					BOTH.silenceDetectionBound().plusSeconds(5));
			Instant replaced = Instant.now();
			session.publisher = publisher().start(session.lab, session.settings);
			session.instances.add(new LossCount.Instance(session.publisher, replaced));
			Instant pathBack = session.publisher.readyAt();
			Measured measured = measure(session, fault, disconnected, BOTH.silenceDetectionBound(), pathBack);
			long beforeFirstReceipt = LossCount.receivedTicks(session.subscriber, replaced, Instant.MAX)
				.stream()
				.mapToLong(Long::longValue)
				.min()
				.orElse(1) - 1;
			reportAndAssert("5 publisher kill -9, new process", session, measured,
					List.of("recovery from the new publisher's ready line",
							"the new instance's " + beforeFirstReceipt
									+ " probe(s) before the subscriber first heard it are not loss to either count"),
					List.of());
		}
	}

}
