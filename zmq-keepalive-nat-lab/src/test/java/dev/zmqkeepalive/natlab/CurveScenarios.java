package dev.zmqkeepalive.natlab;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Single-run scenarios with CURVE on: the starter's CURVE client (the sample app's
 * {@code curve} profile) behind the NAT, against a CURVE server with an allow-list. Every
 * recovery is a new TCP connection, so it is also a new CURVE handshake and a new ZAP
 * check; each row asserts both ends completed one after the fault. Keys are made per
 * scenario into a temporary directory, and no secret key may show up in any process's
 * output or the sample apps' {@code /actuator/zmq} and health pages.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class CurveScenarios extends SingleRunScenarios {

	/** Heartbeats alone (TCP keepalive off), the single-run scenarios' 1 s / 3 s. */
	static final LinkSettings HEARTBEAT = LinkSettings.heartbeatOnly(Duration.ofSeconds(1), Duration.ofSeconds(3));

	/** The HTTP port of a second sample app in the subscriber's namespace. */
	static final int SECOND_HTTP_PORT = 8081;

	@TempDir
	Path keyDirectory;

	CurveKeys keys;

	@BeforeEach
	void generateKeys() {
		this.keys = CurveKeys.generate(this.keyDirectory);
	}

	@Override
	LabSubscriber subscriber() {
		return SampleAppSubscriber.curve(this.keys.allowed);
	}

	@Test
	@Order(2)
	void curveBlackholeIsDetectedByHeartbeatsAloneAndRecoveredWithANewHandshake() {
		try (Session session = connect(HEARTBEAT)) {
			// First a silence longer than the router's timeout: only PINGs cross it, sealed by
			// CURVE, and the publisher must answer them, or the subscriber would drop the link.
			Instant quietSince = Instant.now();
			Waits.pause(ROUTER_TIMEOUT.plusSeconds(1));
			boolean mappingKept = routerTracksAnEstablishedConnection(session);
			boolean droppedWhileQuiet = !session.subscriber.linesMatching(LabPatterns.DISCONNECTED, quietSince).isEmpty();

			Instant fault = Instant.now();
			session.lab.topology.blackhole();
			List<Long> intoTheBlackhole = session.publisher.publish(INTO_THE_BLACKHOLE);
			Duration detectionBound = HEARTBEAT.heartbeatDetectionBound();
			Duration outage = detectionBound.plusSeconds(1);
			Optional<OutputLine> disconnected = session.subscriber.findLine(LabPatterns.DISCONNECTED, fault, outage);
			// Keep the path down for longer than the bound, whatever was detected.
			Waits.pause(Duration.between(Instant.now(), fault.plus(outage)));
			Instant pathBack = Instant.now();
			session.lab.topology.restore();
			Measured measured = measure(session, fault, disconnected, detectionBound, pathBack);

			List<Long> arrived = LossCount.receivedTicks(session.subscriber, fault, Instant.MAX);
			long lostThere = intoTheBlackhole.stream().filter((tick) -> !arrived.contains(tick)).count();
			List<String> notes = new ArrayList<>();
			List<String> failures = new ArrayList<>();
			notes.add("quiet " + ROUTER_TIMEOUT.plusSeconds(1).toSeconds() + " s before the fault: "
					+ (mappingKept ? "PINGs kept the router's entry" : "router's entry LOST")
					+ (droppedWhileQuiet ? ", link DROPPED" : ", no disconnect"));
			if (!mappingKept || droppedWhileQuiet) {
				failures.add("heartbeats through CURVE did not keep the link quietly alive");
			}
			notes.add(INTO_THE_BLACKHOLE + " published into the blackhole, " + lostThere + " of them lost");
			if (lostThere != INTO_THE_BLACKHOLE) {
				failures.add("of " + INTO_THE_BLACKHOLE + " published into the blackhole only " + lostThere + " lost");
			}
			handshakesAgain(session, pathBack, notes, failures);
			secretLeaks(session, failures);
			reportAndAssert("C2 CURVE blackhole, heartbeat only, for " + outage.toSeconds() + " s", session, measured,
					notes, failures);
		}
	}

	static boolean routerTracksAnEstablishedConnection(Session session) {
		return session.lab.topology.trackedConnections().stream().anyMatch((line) -> line.contains("ESTABLISHED"));
	}

	/**
	 * The new connection's CURVE handshake, ZAP check included, completed at both ends after
	 * {@code since}: a note with when, or a failure.
	 */
	static void handshakesAgain(Session session, Instant since, List<String> notes, List<String> failures) {
		Optional<OutputLine> subscriberSide = session.subscriber.findLine(LabPatterns.HANDSHAKE_SUCCEEDED, since,
				Duration.ofSeconds(2));
		Optional<OutputLine> publisherSide = session.publisher.process()
			.findLine(LabPatterns.HANDSHAKE_SUCCEEDED, since, Duration.ofSeconds(2));
		notes.add("CURVE handshake again, subscriber " + after(since, subscriberSide) + ", publisher (ZAP admitted) "
				+ after(since, publisherSide));
		if (subscriberSide.isEmpty() || publisherSide.isEmpty()) {
			failures.add("no new CURVE handshake at " + (subscriberSide.isEmpty() ? "the subscriber" : "the publisher"));
		}
	}

	private static String after(Instant since, Optional<OutputLine> line) {
		return line.map((found) -> "+" + LabReport.format(Duration.between(since, found.time()), "?")).orElse("missing");
	}

	/**
	 * Look for the secret keys in everything the scenario's processes printed and in the
	 * sample apps' {@code /actuator/zmq} and health pages; adds a failure naming where (never
	 * what) for each find. Run while the processes are up.
	 */
	void secretLeaks(Session session, List<String> failures) {
		Map<String, String> texts = new LinkedHashMap<>();
		for (LabProcess process : session.lab.processes()) {
			texts.put(process.name() + "'s output",
					process.lines().stream().map(OutputLine::text).collect(Collectors.joining("\n")));
		}
		for (Host host : List.of(Host.PUBLISHER, Host.SUBSCRIBER)) {
			for (int port : List.of(SampleApp.HTTP_PORT, SECOND_HTTP_PORT)) {
				for (String page : List.of("zmq", "health")) {
					texts.put("/actuator/" + page + " on " + host + ":" + port,
							SampleApp.actuator(session.lab.topology, host, port, page));
				}
			}
		}
		List<String> leaks = this.keys.leaks(texts);
		if (!leaks.isEmpty()) {
			failures.add("secret key shown: " + String.join(", ", leaks));
		}
	}

}
