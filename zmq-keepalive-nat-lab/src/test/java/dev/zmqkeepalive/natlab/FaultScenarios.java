package dev.zmqkeepalive.natlab;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scenarios 2 to 5 for one subscriber and one publisher: each builds a fresh NAT lab,
 * connects, injects one fault, and measures detection (fault to DISCONNECTED), recovery
 * (path back to first message received) and messages lost, against the bounds that follow
 * from the settings used. Every result goes into the report before it is asserted, so a
 * failing run still documents what it saw.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class FaultScenarios {

	static final Duration ROUTER_TIMEOUT = Duration.ofSeconds(4);

	/** Messages published once the link is back; all of them must arrive. */
	static final int BATCH = 20;

	static final Duration DELIVERY_WINDOW = Duration.ofSeconds(5);

	/** Keepalive idle below the router's timeout, so probes keep the mapping alive. */
	static final LinkSettings KEEPALIVE = LinkSettings.keepaliveOnly(1, 1, 3);

	static final LinkSettings HEARTBEAT = LinkSettings.heartbeatOnly(Duration.ofSeconds(1), Duration.ofSeconds(3));

	static final LinkSettings BOTH = KEEPALIVE.withHeartbeat(Duration.ofSeconds(1), Duration.ofSeconds(3));

	abstract LabSubscriber subscriber();

	abstract LabPublisher.Launcher publisher();

	@BeforeAll
	static void checkPrerequisites() {
		LabAssumptions.assumeLabCanRun();
	}

	@AfterAll
	static void printReport() {
		LabReport.print();
	}

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
			List<Long> batch = session.publisher.publish(BATCH);
			List<Long> missing = Deliveries.missingAfter(batch, session.subscriber, idleSince, DELIVERY_WINDOW);
			boolean disconnected = !session.subscriber.linesMatching(LabPatterns.DISCONNECTED, idleSince).isEmpty();
			String verdict = (mappingKept && !disconnected && missing.isEmpty()) ? "PASS: mapping kept"
					: "FAIL: mapping kept=" + mappingKept + ", disconnected=" + disconnected;
			record("2 idle " + idle.toSeconds() + " s, router timeout " + ROUTER_TIMEOUT.toSeconds() + " s", KEEPALIVE,
					null, null, null, null, batch, missing, verdict);
			assertThat(mappingKept).as("the router's entry survives the idle period").isTrue();
			assertThat(disconnected).as("no disconnect while idle").isFalse();
			assertThat(missing).as("messages lost").isEmpty();
		}
	}

	@Test
	@Order(2)
	void flushedRouterTableIsNoticedAndRecoveredWithinTheKeepaliveBound() {
		try (Session session = connect(KEEPALIVE)) {
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
			measureRecovery(session, "3 router table flushed (conntrack -F)", fault, disconnected, detectionBound,
					pathBack, "recovery from DISCONNECTED: the path itself never went away");
		}
	}

	@Test
	@Order(3)
	void blackholeIsDetectedByTcpKeepaliveAndRecoveredAfterThePathReturns() {
		blackhole("4 blackhole, keepalive only", KEEPALIVE, KEEPALIVE.keepaliveDetectionBound());
	}

	@Test
	@Order(4)
	void blackholeIsDetectedByHeartbeatsAloneAndRecoveredAfterThePathReturns() {
		blackhole("4 blackhole, heartbeat only", HEARTBEAT, HEARTBEAT.heartbeatDetectionBound());
	}

	private void blackhole(String scenario, LinkSettings settings, Duration detectionBound) {
		try (Session session = connect(settings)) {
			Instant fault = Instant.now();
			session.lab.topology.blackhole();
			Duration outage = detectionBound.plusSeconds(1);
			Optional<OutputLine> disconnected = session.subscriber.findLine(LabPatterns.DISCONNECTED, fault, outage);
			// Keep the path down for longer than the bound, whatever was detected.
			Waits.pause(Duration.between(Instant.now(), fault.plus(outage)));
			Instant pathBack = Instant.now();
			session.lab.topology.restore();
			measureRecovery(session, scenario + " for " + outage.toSeconds() + " s", fault, disconnected, detectionBound,
					pathBack, null);
		}
	}

	@Test
	@Order(5)
	void killedPublisherIsReplacedAndHeardAgain() {
		try (Session session = connect(BOTH)) {
			Instant fault = Instant.now();
			session.publisher.process().kill();
			Optional<OutputLine> disconnected = session.subscriber.findLine(LabPatterns.DISCONNECTED, fault,
					BOTH.silenceDetectionBound().plusSeconds(5));
			session.publisher = publisher().start(session.lab, session.settings);
			Instant pathBack = session.publisher.process().linesMatching(LabPatterns.READY).get(0).time();
			measureRecovery(session, "5 publisher kill -9, new process", fault, disconnected,
					BOTH.silenceDetectionBound(), pathBack, "recovery from the new publisher's ready line");
		}
	}

	@Test
	@Order(6)
	void hungPublisherIsDetectedByHeartbeatsAndHeardAgainWhenItResumes() {
		try (Session session = connect(BOTH)) {
			Instant fault = Instant.now();
			session.publisher.process().suspend();
			Duration detectionBound = BOTH.heartbeatDetectionBound();
			Optional<OutputLine> disconnected = session.subscriber.findLine(LabPatterns.DISCONNECTED, fault,
					detectionBound.plusSeconds(3));
			Instant pathBack = Instant.now();
			session.publisher.process().resume();
			measureRecovery(session, "5 publisher hung (kill -STOP, then -CONT)", fault, disconnected, detectionBound,
					pathBack, "kernel still ACKs keepalive probes; heartbeats must do it");
		}
	}

	@Test
	@Order(7)
	void publisherHostPowerLossIsDetectedAndTheNewPublisherIsHeard() {
		try (Session session = connect(BOTH)) {
			Instant fault = Instant.now();
			session.lab.topology.blackhole();
			session.publisher.process().kill();
			// A host that loses power takes its TCP state with it, without a word on the wire.
			session.lab.topology.destroySockets(Host.PUBLISHER);
			Duration detectionBound = BOTH.silenceDetectionBound();
			Optional<OutputLine> disconnected = session.subscriber.findLine(LabPatterns.DISCONNECTED, fault,
					detectionBound.plusSeconds(1));
			session.publisher = publisher().start(session.lab, session.settings);
			Waits.pause(Duration.between(Instant.now(), fault.plus(detectionBound.plusSeconds(1))));
			Instant pathBack = Instant.now();
			session.lab.topology.restore();
			measureRecovery(session, "5 publisher host power loss", fault, disconnected, detectionBound, pathBack,
					"blackhole, kill -9, sockets destroyed, new publisher, restore");
		}
	}

	private void measureRecovery(Session session, String scenario, Instant fault, Optional<OutputLine> disconnected,
			Duration detectionBound, Instant pathBack, String note) {
		Duration recoveryBound = session.settings.recoveryBound();
		Optional<OutputLine> first = Deliveries.awaitFirstDelivery(session.publisher, session.subscriber, pathBack,
				recoveryBound.plusSeconds(20));
		Instant since = first.map(OutputLine::time).orElse(pathBack);
		List<Long> batch = session.publisher.publish(BATCH);
		List<Long> missing = Deliveries.missingAfter(batch, session.subscriber, since, DELIVERY_WINDOW);
		Duration detection = disconnected.map((line) -> Duration.between(fault, line.time())).orElse(null);
		Duration recovery = first.map((line) -> Duration.between(pathBack, line.time())).orElse(null);
		List<String> failures = new ArrayList<>();
		if (detection == null || detection.compareTo(detectionBound) > 0) {
			failures.add("detection over bound");
		}
		if (recovery == null || recovery.compareTo(recoveryBound) > 0) {
			failures.add("recovery over bound");
		}
		if (!missing.isEmpty()) {
			failures.add(missing.size() + " lost after recovery");
		}
		String verdict = failures.isEmpty() ? "PASS" : "FAIL: " + String.join(", ", failures);
		if (note != null) {
			verdict += " (" + note + ")";
		}
		record(scenario, session.settings, detection, detectionBound, recovery, recoveryBound, batch, missing, verdict);
		assertThat(detection).as("detection (fault to DISCONNECTED)").isNotNull().isLessThanOrEqualTo(detectionBound);
		assertThat(recovery).as("recovery (path back to first message)").isNotNull().isLessThanOrEqualTo(recoveryBound);
		assertThat(missing).as("messages lost after recovery").isEmpty();
	}

	private void record(String scenario, LinkSettings settings, Duration detection, Duration detectionBound,
			Duration recovery, Duration recoveryBound, List<Long> batch, List<Long> missing, String verdict) {
		LabReport.add(new ScenarioResult(scenario, publisher().description(), subscriber().description(),
				"router " + ROUTER_TIMEOUT.toSeconds() + " s; " + settings.describe(), detection, detectionBound, recovery,
				recoveryBound, batch.size(), missing.size(), verdict));
	}

	private Session connect(LinkSettings settings) {
		NatLab lab = NatLab.create(ROUTER_TIMEOUT);
		try {
			LabPublisher publisher = publisher().start(lab, settings);
			LabProcess subscriber = subscriber().start(lab, settings);
			assertThat(Deliveries.awaitFirstDelivery(publisher, subscriber, Instant.EPOCH, Duration.ofSeconds(30)))
				.as("a message gets through before the fault").isPresent();
			return new Session(lab, settings, publisher, subscriber);
		}
		catch (RuntimeException | AssertionError ex) {
			lab.close();
			throw ex;
		}
	}

	/** A connected publisher and subscriber in a fresh lab. */
	static final class Session implements AutoCloseable {

		final NatLab lab;

		final LinkSettings settings;

		LabPublisher publisher;

		final LabProcess subscriber;

		Session(NatLab lab, LinkSettings settings, LabPublisher publisher, LabProcess subscriber) {
			this.lab = lab;
			this.settings = settings;
			this.publisher = publisher;
			this.subscriber = subscriber;
		}

		@Override
		public void close() {
			this.lab.close();
		}

	}

}
