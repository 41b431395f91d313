package dev.zmqkeepalive.natlab;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the single-run scenarios share, whatever they test: a fresh NAT lab per scenario
 * with one publisher and one subscriber connected ({@link #connect}), recovery and loss
 * measured the same way ({@link #measure}, {@link #countLoss}), and one report row per
 * scenario ({@link #record}). {@link FaultScenarios} and {@link CurveScenarios} hold the
 * scenarios themselves.
 */
abstract class SingleRunScenarios extends NatLabTest {

	static final Duration ROUTER_TIMEOUT = Duration.ofSeconds(4);

	/** Messages published once the link is back; all of them must arrive. */
	static final int BATCH = 20;

	static final Duration DELIVERY_WINDOW = Duration.ofSeconds(5);

	/** Keepalive idle below the router's timeout, so probes keep the mapping alive. */
	static final LinkSettings KEEPALIVE = LinkSettings.keepaliveOnly(1, 1, 3);

	/** Published into the blackhole, before anyone notices it: every one must be lost, and counted. */
	static final int INTO_THE_BLACKHOLE = 5;

	abstract LabSubscriber subscriber();

	abstract LabPublisher.Launcher publisher();

	/** Recovery, then a batch whose every message must arrive. */
	Measured measure(Session session, Instant fault, Optional<OutputLine> disconnected, Duration detectionBound,
			Instant pathBack) {
		Duration recoveryBound = session.settings.recoveryBound();
		Optional<OutputLine> first = Deliveries.awaitFirstDelivery(session.publisher, session.subscriber, pathBack,
				recoveryBound.plusSeconds(20));
		Instant since = first.map(OutputLine::time).orElse(pathBack);
		List<Long> batch = session.publisher.publish(BATCH);
		List<Long> missing = Deliveries.missingAfter(batch, session.subscriber, since, DELIVERY_WINDOW);
		Duration detection = disconnected.map((line) -> Duration.between(fault, line.time())).orElse(null);
		Duration recovery = first.map((line) -> Duration.between(pathBack, line.time())).orElse(null);
		return new Measured(detection, detectionBound, recovery, recoveryBound, batch, missing, countLoss(session));
	}

	/**
	 * Publish a final flush message and wait for it (a sequence count sees a gap only when a
	 * later message arrives), then count what was lost over the whole session both ways.
	 */
	LossCount countLoss(Session session) {
		assertThat(Deliveries.awaitFirstDelivery(session.publisher, session.subscriber, Instant.now(),
				Duration.ofSeconds(10)))
			.as("the flush message arrives")
			.isPresent();
		return LossCount.count(session.instances, subscriber(), session.lab.topology, session.subscriber);
	}

	static void assertLossAgrees(LossCount loss) {
		assertThat(loss.meter()).as("messages lost: the subscriber's meter against the harness's count")
			.isEqualTo(loss.harness());
		assertThat(loss.unframed()).as("messages without an envelope").isZero();
	}

	void reportAndAssert(String scenario, Session session, Measured measured, List<String> notes,
			List<String> otherFailures) {
		List<String> failures = new ArrayList<>();
		if (measured.detection() == null || measured.detection().compareTo(measured.detectionBound()) > 0) {
			failures.add("detection over bound");
		}
		if (measured.recovery() == null || measured.recovery().compareTo(measured.recoveryBound()) > 0) {
			failures.add("recovery over bound");
		}
		if (!measured.missing().isEmpty()) {
			failures.add(measured.missing().size() + " lost after recovery");
		}
		if (!measured.loss().agrees()) {
			failures.add(measured.loss().describe());
		}
		failures.addAll(otherFailures);
		String verdict = failures.isEmpty() ? "PASS" : "FAIL: " + String.join(", ", failures);
		if (!notes.isEmpty()) {
			verdict += " (" + String.join("; ", notes) + ")";
		}
		record(scenario, session.settings, measured.detection(), measured.detectionBound(), measured.recovery(),
				measured.recoveryBound(), measured.batch(), measured.missing(), measured.loss(), verdict);
		assertThat(measured.detection()).as("detection (fault to DISCONNECTED)")
			.isNotNull()
			.isLessThanOrEqualTo(measured.detectionBound());
		assertThat(measured.recovery()).as("recovery (path back to first message)")
			.isNotNull()
			.isLessThanOrEqualTo(measured.recoveryBound());
		assertThat(measured.missing()).as("messages lost after recovery").isEmpty();
		assertLossAgrees(measured.loss());
		assertThat(otherFailures).as("other checks").isEmpty();
	}

	record Measured(Duration detection, Duration detectionBound, Duration recovery, Duration recoveryBound,
			List<Long> batch, List<Long> missing, LossCount loss) {
	}

	void record(String scenario, LinkSettings settings, Duration detection, Duration detectionBound,
			Duration recovery, Duration recoveryBound, List<Long> batch, List<Long> missing, LossCount loss,
			String verdict) {
		LabReport.add(new ScenarioResult(scenario, publisher().description(), subscriber().description(),
				"router " + ROUTER_TIMEOUT.toSeconds() + " s; " + settings.describe(), detection, detectionBound, recovery,
				recoveryBound, batch.size(), missing.size(), loss.meter(), loss.harness(), verdict));
	}

	Session connect(LinkSettings settings) {
		return connect(settings, null);
	}

	/**
	 * Connect a publisher and a subscriber in a fresh lab, and start another process next to
	 * them (a second subscriber, say), which is not waited for beyond its own start.
	 * @param alongside starts the other process, or {@code null} for none
	 */
	Session connect(LinkSettings settings, Function<NatLab, LabProcess> alongside) {
		NatLab lab = NatLab.create(ROUTER_TIMEOUT);
		try {
			// Start them all at once: JVM start-up dominates a scenario, and a SUB that
			// connects before the PUB binds simply retries.
			CompletableFuture<LabPublisher> starting = startAside("natlab-start-publisher",
					() -> publisher().start(lab, settings));
			CompletableFuture<LabProcess> other = (alongside != null)
					? startAside("natlab-start-alongside", () -> alongside.apply(lab)) : null;
			LabProcess subscriber = subscriber().start(lab, settings);
			LabPublisher publisher = join(starting, "publisher");
			LabProcess otherProcess = (other != null) ? join(other, "process alongside") : null;
			// Longer than JeroMQ's 30 s handshake timeout: a first handshake sometimes stalls
			// until it (FINDINGS.md #5), and the scenario should still run.
			assertThat(Deliveries.awaitFirstDelivery(publisher, subscriber, Instant.EPOCH, Duration.ofSeconds(45)))
				.as("a message gets through before the fault").isPresent();
			Session session = new Session(lab, settings, publisher, subscriber);
			session.alongside = otherProcess;
			return session;
		}
		catch (RuntimeException | AssertionError ex) {
			lab.close();
			throw ex;
		}
	}

	private static <T> CompletableFuture<T> startAside(String threadName, Supplier<T> start) {
		CompletableFuture<T> starting = new CompletableFuture<>();
		Thread starter = new Thread(() -> {
			try {
				starting.complete(start.get());
			}
			catch (Throwable ex) {
				starting.completeExceptionally(ex);
			}
		}, threadName);
		starter.start();
		return starting;
	}

	private static <T> T join(CompletableFuture<T> starting, String what) {
		try {
			return starting.get(90, TimeUnit.SECONDS);
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof RuntimeException runtime) {
				throw runtime;
			}
			if (ex.getCause() instanceof Error error) {
				throw error;
			}
			throw new IllegalStateException(ex.getCause());
		}
		catch (InterruptedException | TimeoutException ex) {
			throw new IllegalStateException(what + " did not start", ex);
		}
	}

	/** A connected publisher and subscriber in a fresh lab. */
	static final class Session implements AutoCloseable {

		final NatLab lab;

		final LinkSettings settings;

		LabPublisher publisher;

		final LabProcess subscriber;

		/** The process started next to the publisher and subscriber, if any. */
		LabProcess alongside;

		/** Every publisher instance of the session, for counting loss per instance. */
		final List<LossCount.Instance> instances = new ArrayList<>();

		Session(NatLab lab, LinkSettings settings, LabPublisher publisher, LabProcess subscriber) {
			this.lab = lab;
			this.settings = settings;
			this.publisher = publisher;
			this.subscriber = subscriber;
			this.instances.add(new LossCount.Instance(publisher, Instant.EPOCH));
		}

		@Override
		public void close() {
			this.lab.close();
		}

	}

}
