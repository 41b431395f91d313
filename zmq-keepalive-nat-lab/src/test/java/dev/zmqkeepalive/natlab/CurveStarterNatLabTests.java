package dev.zmqkeepalive.natlab;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The CURVE scenarios with the starter on both ends: the sample app's publisher as a CURVE
 * server with an allow-list, its subscriber as a listed CURVE client. Besides the heartbeat
 * blackhole of {@link CurveScenarios}: the original failure (the router forgets an idle
 * connection, then the publisher speaks) with keepalive, and a subscriber off the allow-list
 * refused on every reconnect while a listed one keeps receiving.
 */
class CurveStarterNatLabTests extends CurveScenarios {

	/**
	 * Keepalive idle above the router's timeout, so the router forgets the connection during
	 * the silence (as with no keepalive at all), and the first probe after it finds out.
	 */
	static final LinkSettings IDLE_PAST_THE_ROUTER = LinkSettings.keepaliveOnly(6, 1, 3);

	/**
	 * Refusals of the unlisted subscriber to watch. The starter connects again after each
	 * (a protocol error ends a JeroMQ session for good) with the doubling back-off: 0.1, 0.2,
	 * 0.4, 0.8 s in the lab's settings, so five take about 2 s (FINDINGS.md #7: until that
	 * was fixed, about a second each).
	 */
	static final int REFUSALS = 5;

	@Override
	LabPublisher.Launcher publisher() {
		return SampleAppPublisher.curve(this.keys.allowed);
	}

	@Test
	@Order(1)
	void curveConnectionTheRouterForgotIsNoticedByKeepaliveAndRecoveredWithANewHandshake() {
		try (Session session = connect(IDLE_PAST_THE_ROUTER)) {
			// The silence starts with the last message the subscriber received; keepalive
			// counts its idle time from the last packet, so detection is measured from there.
			Instant silentSince = session.subscriber.linesMatching(LabPatterns.RECEIVED)
				.stream()
				.map(OutputLine::time)
				.max(Comparator.naturalOrder())
				.orElseThrow();
			Instant forgotten = Waits.until(() -> !routerTracksAnEstablishedConnection(session),
					ROUTER_TIMEOUT.plusSeconds(3));
			// The publisher speaks first, as in the bug report: its data meets a router that no
			// longer knows the connection, which resets the publisher's end.
			Instant published = Instant.now();
			List<Long> intoTheVoid = session.publisher.publish(INTO_THE_BLACKHOLE);
			Instant publisherReset = Waits.until(
					() -> session.lab.topology.establishedConnections(Host.PUBLISHER, Waits.PORT).isEmpty(),
					Duration.ofSeconds(3));
			Duration detectionBound = IDLE_PAST_THE_ROUTER.keepaliveDetectionBound();
			Optional<OutputLine> disconnected = session.subscriber.findLine(LabPatterns.DISCONNECTED, silentSince,
					detectionBound.plusSeconds(2));
			// The path never went away: recovery counts from the subscriber's discovery.
			Instant pathBack = disconnected.map(OutputLine::time).orElse(Instant.now());
			Measured measured = measure(session, silentSince, disconnected, detectionBound, pathBack);

			List<Long> arrived = LossCount.receivedTicks(session.subscriber, published, Instant.MAX);
			long lostThere = intoTheVoid.stream().filter((tick) -> !arrived.contains(tick)).count();
			List<String> notes = new ArrayList<>();
			List<String> failures = new ArrayList<>();
			notes.add("detection from the last message received; the router forgot at "
					+ ((forgotten != null) ? "+" + LabReport.format(Duration.between(silentSince, forgotten), "?")
							: "never")
					+ ", " + INTO_THE_BLACKHOLE + " published at +"
					+ LabReport.format(Duration.between(silentSince, published), "?") + ", publisher's end reset "
					+ ((publisherReset != null) ? "+" + LabReport.format(Duration.between(silentSince, publisherReset), "?")
							: "never")
					+ ", " + lostThere + " of the " + INTO_THE_BLACKHOLE + " lost");
			if (forgotten == null) {
				failures.add("the router never forgot the idle connection");
			}
			if (publisherReset == null) {
				failures.add("the publisher kept its connection");
			}
			if (lostThere != INTO_THE_BLACKHOLE) {
				failures.add("of " + INTO_THE_BLACKHOLE + " published after the router forgot only " + lostThere + " lost");
			}
			handshakesAgain(session, pathBack, notes, failures);
			secretLeaks(session, failures);
			reportAndAssert("C1 CURVE: router forgets the idle connection, then publish", session, measured, notes,
					failures);
		}
	}

	@Test
	@Order(3)
	void subscriberOffTheAllowListIsRefusedOnEveryReconnectWhileAListedOneReceives() {
		try (Session session = connect(KEEPALIVE, (lab) -> SampleAppSubscriber.INSTANCE.startCurve(lab, KEEPALIVE,
				"starter-curve-subscriber-refused", SECOND_HTTP_PORT, this.keys.stranger))) {
			LabProcess refused = session.alongside;
			List<Long> batch = session.publisher.publish(BATCH);
			List<Long> missing = Deliveries.missingAfter(batch, session.subscriber, Instant.EPOCH, DELIVERY_WINDOW);
			Waits.until(() -> refused.linesMatching(LabPatterns.HANDSHAKE_FAILED).size() >= REFUSALS,
					Duration.ofSeconds(20));
			Refusals refusals = Refusals.read(session, refused);
			LossCount loss = countLoss(session);

			boolean everyAttemptRefused = refusals.attempts() >= REFUSALS && refusals.attempts() == refusals.refusedLines()
					&& refusals.refusedMeter() == refusals.attempts() && refusals.publisherMeter() == refusals.attempts()
					&& refusals.publisherLinesThroughRouter() == refusals.attempts() && refusals.handshakes() == 0
					&& refusals.received() == 0;
			List<String> failures = new ArrayList<>();
			if (!everyAttemptRefused) {
				failures.add("not every attempt refused on both sides");
			}
			if (refusals.listedRefusals() != 0) {
				failures.add("the listed subscriber was refused " + refusals.listedRefusals() + " time(s)");
			}
			if (!missing.isEmpty()) {
				failures.add(missing.size() + " of " + BATCH + " lost by the listed subscriber");
			}
			if (!loss.agrees()) {
				failures.add(loss.describe());
			}
			secretLeaks(session, failures);
			String verdict = (failures.isEmpty() ? "PASS" : "FAIL: " + String.join(", ", failures)) + " ("
					+ refusals.describe() + "; listed subscriber: " + (BATCH - missing.size()) + " of " + BATCH
					+ " received, handshake-failed " + refusals.listedRefusals() + ")";
			record("C3 CURVE subscriber not on the allow-list, next to a listed one", session.settings, null, null, null,
					null, batch, missing, loss, verdict);
			assertThat(refusals.attempts()).as("connects of the unlisted subscriber watched").isGreaterThanOrEqualTo(REFUSALS);
			assertThat(List.of(refusals.refusedLines(), refusals.refusedMeter(), refusals.publisherMeter(),
					refusals.publisherLinesThroughRouter()))
				.as("refusals (unlisted subscriber's events and meter, publisher's meter and events from the router's address) "
						+ "against the unlisted subscriber's connects")
				.containsOnly(refusals.attempts());
			assertThat(refusals.handshakes()).as("handshakes the unlisted subscriber completed").isZero();
			assertThat(refusals.received()).as("messages the unlisted subscriber received").isZero();
			assertThat(refusals.listedRefusals()).as("handshake-failed at the listed subscriber").isZero();
			assertThat(missing).as("messages the listed subscriber lost").isEmpty();
			assertLossAgrees(loss);
			assertThat(failures).as("other checks").isEmpty();
		}
	}

	/**
	 * One consistent reading of the refusals: the unlisted subscriber's connects and
	 * handshake-failed events (its lines and its meter), the publisher's
	 * {@code zmq.socket.events{event="handshake-failed"}} and its handshake-failed lines
	 * from the router's address.
	 */
	record Refusals(long attempts, long refusedLines, long refusedMeter, long publisherMeter,
			long publisherLinesThroughRouter, long handshakes, long received, long listedRefusals) {

		private static final Duration READ_TIMEOUT = Duration.ofSeconds(10);

		/**
		 * The unlisted subscriber keeps reconnecting, so the counts are read between two of its
		 * attempts: when it has as many refusals as connects, and again if an attempt started
		 * while reading. If no such moment comes (an attempt that is not refused never ends
		 * in a refusal), they are read as they are at the deadline, for the report to show.
		 */
		static Refusals read(Session session, LabProcess refused) {
			long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
			while (true) {
				long attempts = refused.linesMatching(LabPatterns.CONNECTED).size();
				long refusedLines = refused.linesMatching(LabPatterns.HANDSHAKE_FAILED).size();
				boolean late = System.nanoTime() > deadline;
				if (attempts == refusedLines || late) {
					Refusals refusals = readNow(session, refused, attempts, refusedLines);
					if (late || refused.linesMatching(LabPatterns.CONNECTED).size() == attempts) {
						return refusals;
					}
				}
				refused.findLine(LabPatterns.HANDSHAKE_FAILED, Instant.now(), Duration.ofSeconds(3));
			}
		}

		private static Refusals readNow(Session session, LabProcess refused, long attempts, long refusedLines) {
			NatTopology topology = session.lab.topology;
			long refusedMeter = SampleApp.eventCount(topology, Host.SUBSCRIBER, SECOND_HTTP_PORT, "ticks-in",
					"handshake-failed");
			long publisherMeter = SampleApp.eventCount(topology, Host.PUBLISHER, SampleApp.HTTP_PORT, "ticks",
					"handshake-failed");
			// The publisher logs its events after counting them: wait for the lines.
			Waits.until(() -> publisherLines(session).size() >= publisherMeter, Duration.ofSeconds(2));
			long throughRouter = publisherLines(session).stream()
				.filter((line) -> line.text().contains("remote=" + NatTopology.ROUTER_OUTSIDE_ADDRESS + ":"))
				.count();
			return new Refusals(attempts, refusedLines, refusedMeter, publisherMeter, throughRouter,
					refused.linesMatching(LabPatterns.HANDSHAKE_SUCCEEDED).size(),
					refused.linesMatching(LabPatterns.RECEIVED).size(),
					session.subscriber.linesMatching(LabPatterns.HANDSHAKE_FAILED).size());
		}

		private static List<OutputLine> publisherLines(Session session) {
			return session.publisher.process().linesMatching(LabPatterns.HANDSHAKE_FAILED);
		}

		String describe() {
			return "unlisted subscriber: " + this.attempts + " connects, handshake-failed " + this.refusedLines
					+ " (meter " + this.refusedMeter + "), handshakes completed " + this.handshakes + ", messages "
					+ this.received + "; publisher: handshake-failed meter " + this.publisherMeter + ", " + this.publisherLinesThroughRouter
					+ " from the router's address";
		}

	}

}
