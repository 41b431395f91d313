package dev.zmqkeepalive.natlab;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scenarios 2 to 5 with the starter on both ends (the sample app's publisher and subscriber
 * profiles), plus scenario 6: the publisher's own view of losing and regaining its subscriber.
 */
class StarterPublisherNatLabTests extends FaultScenarios {

	private static final Pattern GAUGE = Pattern.compile("\"value\":([0-9.]+)");

	@Override
	LabSubscriber subscriber() {
		return SampleAppSubscriber.INSTANCE;
	}

	@Override
	LabPublisher.Launcher publisher() {
		return SampleAppPublisher.LAUNCHER;
	}

	@Override
	boolean subscriberHasHealth() {
		return true;
	}

	@Test
	@Order(8)
	void publisherPeerGaugeFollowsTheSubscribersLossAndReturn() {
		// The publisher runs the same settings: its keepalive watches the idle subscriber. How
		// fast heartbeats and TTL drop a subscriber is measured in DetectionTrialsNatLabTests.
		try (Session session = connect(KEEPALIVE);
				HealthWatcher health = new HealthWatcher(session.lab.topology, Host.PUBLISHER, "ticks")) {
			assertThat(health.awaitChange((sample) -> sample.peers() == 1, Instant.EPOCH, Duration.ofSeconds(5)))
				.as("the publisher counts its subscriber").isNotNull();
			Duration detectionBound = KEEPALIVE.silenceDetectionBound();
			Instant fault = Instant.now();
			session.lab.topology.blackhole();
			HealthWatcher.Sample lost = health.awaitChange((sample) -> sample.peers() == 0, fault,
					detectionBound.plusSeconds(1));
			Double gaugeWhileLost = peersGauge(session);
			Waits.pause(Duration.between(Instant.now(), fault.plus(detectionBound).plusSeconds(1)));
			Instant pathBack = Instant.now();
			session.lab.topology.restore();
			HealthWatcher.Sample back = health.awaitChange((sample) -> sample.peers() == 1, pathBack,
					session.settings.recoveryBound().plusSeconds(10));
			Double gaugeAfter = peersGauge(session);
			List<Long> batch = session.publisher.publish(BATCH);
			List<Long> missing = Deliveries.missingAfter(batch, session.subscriber, pathBack, DELIVERY_WINDOW);

			LossCount loss = countLoss(session);
			Duration detection = (lost != null) ? Duration.between(fault, lost.time()) : null;
			Duration recovery = (back != null) ? Duration.between(pathBack, back.time()) : null;
			String history = health.statusHistory(Instant.EPOCH);
			boolean pass = detection != null && detection.compareTo(detectionBound) <= 0 && recovery != null
					&& recovery.compareTo(session.settings.recoveryBound()) <= 0 && missing.isEmpty()
					&& Double.valueOf(0).equals(gaugeWhileLost) && Double.valueOf(1).equals(gaugeAfter) && loss.agrees();
			record("6 publisher's view of a blackhole (peers 1 -> 0 -> 1)", KEEPALIVE, detection, detectionBound, recovery,
					session.settings.recoveryBound(), batch, missing, loss,
					(pass ? "PASS" : "FAIL") + (loss.agrees() ? "" : ": " + loss.describe()) + " (measured on the publisher's peers; zmq.socket.peers gauge " + gaugeWhileLost
							+ " while lost, " + gaugeAfter + " after; publisher health " + history
							+ ": a binding socket is UP whatever its peers, by the starter's rule)");
			assertThat(detection).as("publisher notices the lost subscriber").isNotNull().isLessThanOrEqualTo(detectionBound);
			assertThat(gaugeWhileLost).as("zmq.socket.peers while lost").isEqualTo(0.0);
			assertThat(recovery).as("publisher counts the subscriber again")
				.isNotNull()
				.isLessThanOrEqualTo(session.settings.recoveryBound());
			assertThat(gaugeAfter).as("zmq.socket.peers after recovery").isEqualTo(1.0);
			assertThat(missing).as("messages lost after recovery").isEmpty();
			assertLossAgrees(loss);
		}
	}

	private static Double peersGauge(Session session) {
		String body = SampleApp.actuator(session.lab.topology, Host.PUBLISHER, "metrics/zmq.socket.peers?tag=socket:ticks");
		Matcher matcher = GAUGE.matcher(body);
		return matcher.find() ? Double.valueOf(matcher.group(1)) : null;
	}

}
