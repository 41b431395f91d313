package dev.zmqkeepalive.natlab;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Heartbeat detection, proven statistically: repeated trials with the fault injected at a
 * random moment and at a random connection age, heartbeats only (TCP keepalive off), every
 * trial within its bound. Four starter subscribers, each against its own publisher:
 * <ul>
 * <li>A: libzmq publisher that sends no PINGs (only the subscriber's PINGs and timeout work);</li>
 * <li>B: libzmq publisher that sends PINGs with a 45 s TTL (a live TTL timer on the
 * subscriber's I/O thread: what made stock JeroMQ sleep past its timeout);</li>
 * <li>P: starter publisher with per-socket heartbeats (the binding socket sends PINGs, TTL
 * 45 s) and data in flight; its own view of a lost subscriber is measured too;</li>
 * <li>T: starter publisher whose PINGs are switched off per socket, and data in flight; it
 * drops a lost subscriber only through the TTL of the subscriber's PINGs.</li>
 * </ul>
 * The processes live for the whole class; see {@link DetectionTrials} for how rounds are
 * made independent. {@code -Dnatlab.trials=N} runs N rounds of every fault (a soak).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DetectionTrialsNatLabTests extends NatLabTest {

	static final Duration ROUTER_TIMEOUT = Duration.ofSeconds(4);

	static final Duration INTERVAL = Duration.ofMillis(500);

	static final Duration TIMEOUT = Duration.ofMillis(1500);

	/** The starter's default TTL, carried by the PINGs of links B and P's publishers. */
	static final Duration LONG_TTL = Duration.ofSeconds(45);

	/** The TTL link T's subscriber announces: what its publisher drops it by. */
	static final Duration SHORT_TTL = Duration.ofSeconds(2);

	static final LinkSettings HEARTBEAT = LinkSettings.heartbeatOnly(INTERVAL, TIMEOUT);

	/** A PING is on the wire an interval after the handshake; allow for its delivery. */
	static final Duration FIRST_PING = INTERVAL.plusMillis(200);

	/**
	 * A tick and a quote every 200 ms from the starter publishers: data in flight when the
	 * fault hits. With the envelope on and every send logged, so that the subscriber's loss
	 * meter can be held against the lab's count.
	 */
	static final List<String> TICKS_IN_FLIGHT = List.of("--sample.ticks.interval=200ms", "--sample.envelope=true",
			"--logging.level.dev.zmqkeepalive.sample.TickPublisher=debug");

	private NatLab lab;

	private DetectionTrials trials;

	@BeforeAll
	void startLinks() {
		LabAssumptions.assumeLabCanRun();
		this.lab = NatLab.create(ROUTER_TIMEOUT);
		ExecutorService starting = Executors.newFixedThreadPool(8);
		try {
			// Start every process at once: Spring Boot start-up dominates, and links are independent.
			List<CompletableFuture<TrialLink>> links = new ArrayList<>();
			String noPings = "sends no PINGs";
			String pings = "PINGs " + INTERVAL.toMillis() + "ms/" + TIMEOUT.toMillis() + "ms TTL " + LONG_TTL.toSeconds() + "s";
			links.add(link(starting, "A", 5556, 8081, HEARTBEAT, noPings, null, null, true,
					() -> PlainPublishers.libzmq(this.lab, "libzmq-publisher-a", 5556, "libzmq 4.3 (pyzmq), no PINGs",
							"--envelope=true")));
			links.add(link(starting, "B", 5557, 8082, HEARTBEAT, pings, null, null, true,
					() -> PlainPublishers.libzmq(this.lab, "libzmq-publisher-b", 5557, "libzmq 4.3 (pyzmq), PINGs, TTL 45 s",
							"--heartbeat=" + INTERVAL.toMillis() + "," + TIMEOUT.toMillis() + "," + LONG_TTL.toMillis(),
							"--envelope=true")));
			links.add(link(starting, "P", 5558, 8084, HEARTBEAT,
					pings + ", data every 200 ms", HEARTBEAT.heartbeatDetectionBound(), null, false,
					() -> SampleAppPublisher.start(this.lab, HEARTBEAT, "starter-publisher-p", 5558, 8083,
							with(TICKS_IN_FLIGHT, "--zmq.keepalive.sockets.ticks.heartbeat.interval=" + INTERVAL.toMillis() + "ms"),
							"starter (sample app), binding socket sends PINGs")));
			LinkSettings ttl = HEARTBEAT.withHeartbeatTtl(SHORT_TTL);
			links.add(link(starting, "T", 5559, 8086, ttl, noPings + " (TTL only), data every 200 ms",
					ttl.ttlDetectionBound(), FIRST_PING, false,
					() -> SampleAppPublisher.start(this.lab, HEARTBEAT, "starter-publisher-t", 5559, 8085,
							with(TICKS_IN_FLIGHT, "--zmq.keepalive.sockets.ticks.heartbeat.interval=0ms"),
							"starter (sample app), TTL only")));
			List<TrialLink> started = links.stream().map(CompletableFuture::join).toList();
			for (TrialLink link : started) {
				assertThat(Deliveries.awaitFirstDelivery(link.publisher(), link.subscriber(), java.time.Instant.EPOCH,
						Duration.ofSeconds(45)))
					.as("%s delivers before the trials", link).isPresent();
			}
			this.trials = new DetectionTrials(this.lab, started, Long.getLong("natlab.seed", System.nanoTime()));
			LabReport.describeTrials(this.trials.method());
		}
		catch (RuntimeException | Error ex) {
			this.lab.close();
			throw ex;
		}
		finally {
			starting.shutdown();
		}
	}

	private CompletableFuture<TrialLink> link(ExecutorService starting, String name, int port, int subscriberHttpPort,
			LinkSettings settings, String publisherSettings, Duration publisherViewBound, Duration publisherBlindUntil,
			boolean publisherReplaceable, Supplier<LabPublisher> publisher) {
		CompletableFuture<LabProcess> subscriber = CompletableFuture.supplyAsync(() -> SampleAppSubscriber.INSTANCE
			.start(this.lab, settings, "starter-subscriber-" + name.toLowerCase(java.util.Locale.ROOT), port,
					subscriberHttpPort), starting);
		CompletableFuture<LabPublisher> first = CompletableFuture.supplyAsync(publisher, starting);
		return first.thenCombine(subscriber, (started, process) -> new TrialLink(name, port, started, publisher,
				publisherReplaceable, process, subscriberHttpPort, settings, publisherSettings, publisherViewBound, publisherBlindUntil));
	}

	private static List<String> with(List<String> arguments, String more) {
		List<String> all = new ArrayList<>(arguments);
		all.add(more);
		return all;
	}

	@AfterAll
	void stopLinks() {
		if (this.trials != null) {
			this.trials.close();
		}
		if (this.lab != null) {
			this.lab.close();
		}
	}

	@Test
	@Order(1)
	void blackholeIsDetectedByBothEndsWithinTheirBoundsInEveryTrial() {
		assertEveryTrialPassed(this.trials.run(TrialFault.BLACKHOLE, trials(20)));
	}

	@Test
	@Order(2)
	void hungPublisherIsDetectedByHeartbeatsWithinTheBoundInEveryTrial() {
		assertEveryTrialPassed(this.trials.run(TrialFault.HUNG_PUBLISHER, trials(20)));
	}

	@Test
	@Order(3)
	void hungSubscriberWithDataInFlightIsDroppedByThePublisherWithinItsBoundInEveryTrial() {
		assertEveryTrialPassed(this.trials.run(TrialFault.HUNG_SUBSCRIBER, trials(10)));
	}

	@Test
	@Order(4)
	void publisherHostPowerLossIsDetectedAndTheNewPublisherIsHeardInEveryTrial() {
		assertEveryTrialPassed(this.trials.run(TrialFault.PUBLISHER_POWER_LOSS, trials(10)));
	}

	/** Rounds per fault: the given default, or {@code -Dnatlab.trials=N} for a soak run. */
	static int trials(int defaultCount) {
		return Integer.getInteger("natlab.trials", defaultCount);
	}

	private static void assertEveryTrialPassed(List<TrialSeries> series) {
		assertThat(series).as("series measured").isNotEmpty();
		List<String> failed = series.stream()
			.filter((trials) -> !trials.passed())
			.map((trials) -> trials.scenario() + ", " + trials.observer() + "'s view, " + trials.publisher() + ": "
					+ trials.verdict())
			.toList();
		assertThat(failed).as("series with a trial out of bound (details in the report and the output)").isEmpty();
	}

}
