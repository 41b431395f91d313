package dev.zmqkeepalive.jeromq;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A subscriber with ZMTP heartbeats must notice a publisher that goes silent (hung, or
 * behind a path that drops everything) within interval + timeout. On JeroMQ 0.6.0 it often
 * does not: its timer list drops a re-armed heartbeat timeout (bug A) or sleeps past it
 * until the peer's TTL timer (bug B). Each trial is a subscriber in a context of its own
 * (its own I/O thread and timers) connected through a proxy that goes silent at a random
 * connection age between 0 and 2 s, which is what varies the heartbeat timers' phase; the
 * trials of a run go in parallel. The patched build must detect every fault in time; on
 * stock JeroMQ a run must miss some.
 */
class HeartbeatDetectionTests {

	private static final int TRIALS = 20;

	private static final Duration INTERVAL = Duration.ofMillis(200);

	private static final Duration TIMEOUT = Duration.ofMillis(600);

	/** Interval + timeout, plus a second for scheduling on a busy machine. */
	private static final Duration BOUND = INTERVAL.plus(TIMEOUT).plusSeconds(1);

	private static final Duration LONGEST_CONNECTION_AGE = Duration.ofSeconds(2);

	private static final long NOT_DETECTED = -1;

	private static final long NO_HANDSHAKE = -2;

	@Test
	void subscriberSendingPingsDetectsASilentPublisherInEveryTrial() throws Exception {
		assertDetection(runTrials(false), "subscriber-only PINGs");
	}

	@Test
	void subscriberDetectsASilentPublisherThatSendsPingsWithALongTtlInEveryTrial() throws Exception {
		// The publisher's PINGs carry a 45 s TTL: the subscriber holds a live 45 s timer,
		// which is what stock JeroMQ sleeps until (bug B).
		assertDetection(runTrials(true), "PINGs from both ends, publisher TTL 45 s");
	}

	private void assertDetection(Trials trials, String setting) {
		String summary = JeromqBuild.underTest() + " JeroMQ, " + setting + ": " + trials;
		System.out.println(summary);
		if (JeromqBuild.underTest().isPatched()) {
			assertThat(trials.misses()).as(summary).isZero();
		}
		else {
			assertThat(trials.misses()).as("stock JeroMQ misses some silent publishers: " + summary).isPositive();
		}
	}

	private Trials runTrials(boolean publisherPings) throws Exception {
		try (ZContext publisherContext = new ZContext(1)) {
			ZMQ.Socket publisher = publisherContext.createSocket(SocketType.PUB);
			publisher.setLinger(0);
			if (publisherPings) {
				publisher.setHeartbeatIvl((int) INTERVAL.toMillis());
				publisher.setHeartbeatTimeout((int) TIMEOUT.toMillis());
				publisher.setHeartbeatTtl(45_000);
			}
			publisher.bind("tcp://127.0.0.1:*");
			int port = Integer.parseInt(publisher.getLastEndpoint().replaceAll(".*:", ""));
			ExecutorService executor = Executors.newFixedThreadPool(TRIALS);
			try {
				List<Future<Long>> results = new ArrayList<>();
				for (int i = 0; i < TRIALS; i++) {
					results.add(executor.submit(() -> detectionMillis(port)));
				}
				List<Long> detections = new ArrayList<>();
				for (Future<Long> result : results) {
					detections.add(result.get(1, TimeUnit.MINUTES));
				}
				return new Trials(detections);
			}
			finally {
				executor.shutdownNow();
			}
		}
	}

	/**
	 * One trial: milliseconds from the fault to the subscriber's DISCONNECTED, or
	 * {@link #NOT_DETECTED} or {@link #NO_HANDSHAKE}.
	 */
	private static long detectionMillis(int publisherPort) throws Exception {
		try (SilencingProxy proxy = new SilencingProxy(publisherPort); ZContext context = new ZContext(1)) {
			ZMQ.Socket subscriber = context.createSocket(SocketType.SUB);
			subscriber.setLinger(0);
			subscriber.setHeartbeatIvl((int) INTERVAL.toMillis());
			subscriber.setHeartbeatTimeout((int) TIMEOUT.toMillis());
			CountDownLatch handshake = new CountDownLatch(1);
			CountDownLatch disconnected = new CountDownLatch(1);
			AtomicLong disconnectedAt = new AtomicLong();
			// Runs on the I/O thread: records and counts down, never blocks or throws.
			subscriber.base().setEventHook((event) -> {
				if (event.event == ZMQ.EVENT_HANDSHAKE_PROTOCOL) {
					handshake.countDown();
				}
				else if (event.event == ZMQ.EVENT_DISCONNECTED && disconnectedAt.compareAndSet(0, System.nanoTime())) {
					disconnected.countDown();
				}
			}, ZMQ.EVENT_HANDSHAKE_PROTOCOL | ZMQ.EVENT_DISCONNECTED);
			subscriber.subscribe(new byte[0]);
			subscriber.connect(proxy.endpoint());
			if (!handshake.await(10, TimeUnit.SECONDS)) {
				// The other poller bug (see HandshakeRegistrationTests): no trial, but a miss all the same.
				return NO_HANDSHAKE;
			}
			// The fault hits at a random age of the connection: this randomises where the
			// heartbeat timers stand when it does.
			long age = ThreadLocalRandom.current().nextLong(LONGEST_CONNECTION_AGE.toMillis() + 1);
			Thread.sleep(age);
			long faultAt = System.nanoTime();
			proxy.silence();
			if (!disconnected.await(BOUND.toMillis(), TimeUnit.MILLISECONDS)) {
				return NOT_DETECTED;
			}
			return TimeUnit.NANOSECONDS.toMillis(disconnectedAt.get() - faultAt);
		}
	}

	/** Detection times of one run; a negative one is a miss. */
	private record Trials(List<Long> detections) {

		long misses() {
			return this.detections.stream().filter((millis) -> millis < 0).count();
		}

		@Override
		public String toString() {
			List<Long> detected = this.detections.stream().filter((millis) -> millis >= 0).sorted().toList();
			String spread = detected.isEmpty() ? "none detected"
					: "detected in min " + detected.get(0) + " ms, median " + detected.get(detected.size() / 2)
							+ " ms, max " + detected.get(detected.size() - 1) + " ms";
			long noHandshake = this.detections.stream().filter((millis) -> millis == NO_HANDSHAKE).count();
			return this.detections.size() + " trials, " + misses() + " missed (" + (misses() - noHandshake)
					+ " with no DISCONNECTED within " + BOUND.toMillis() + " ms, " + noHandshake
					+ " with no handshake in 10 s), " + spread;
		}

	}

}
