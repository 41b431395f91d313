package dev.zmqkeepalive.natlab;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scenarios 2 to 5 with the sample app's starter-based subscriber against the libzmq
 * publisher: the fix shown against the C library.
 */
class StarterSubscriberNatLabTests extends FaultScenarios {

	@Override
	LabSubscriber subscriber() {
		return SampleAppSubscriber.INSTANCE;
	}

	@Override
	LabPublisher.Launcher publisher() {
		return PlainPublishers.LIBZMQ;
	}

	@Override
	boolean subscriberHasHealth() {
		return true;
	}

	@Test
	@Order(8)
	void hungPublisherGoesUnnoticedWithTcpKeepaliveAlone() {
		// The control for scenario 5's hang: the frozen process's kernel still ACKs the probes.
		try (Session session = connect(KEEPALIVE)) {
			Instant fault = Instant.now();
			session.publisher.process().suspend();
			Duration window = KEEPALIVE.keepaliveDetectionBound().multipliedBy(2);
			Optional<OutputLine> disconnected = session.subscriber.findLine(LabPatterns.DISCONNECTED, fault, window);
			session.publisher.process().resume();
			LossCount loss = countLoss(session);
			record("5 publisher hung, keepalive only (watched " + window.toSeconds() + " s)", KEEPALIVE,
					disconnected.map((line) -> Duration.between(fault, line.time())).orElse(null),
					KEEPALIVE.keepaliveDetectionBound(), null, null, List.of(), List.of(), loss,
					(disconnected.isEmpty() ? "as expected: not detected, the hung host's kernel answers keepalive probes"
							: "unexpected: detected") + (loss.agrees() ? "" : "; FAIL: " + loss.describe()));
			assertThat(disconnected).as("keepalive alone cannot see a hung peer").isEmpty();
			assertLossAgrees(loss);
		}
	}

}
