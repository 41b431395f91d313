package dev.zmqkeepalive.natlab;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.zmqkeepalive.natlab.TrialLink.Observer;

/**
 * Runs rounds of randomised fault trials over long-lived {@link TrialLink links}. Each round
 * gives every taking-part link a fresh connection (its subscriber's socket is destroyed with
 * {@code ss -K}; the starter reconnects), lets each connection reach an age drawn at random
 * (every other round before the subscriber's second PING, otherwise older), injects the fault, and
 * measures every observer's disconnected event against its bound. Then the fault ends, and
 * each link must deliver again within the reconnect bound and lose nothing of a batch
 * published after that. Whatever a round loses (in its reconnect, in the fault, before the
 * recovery) is counted twice: by the subscriber's own meter from the envelope, and by the lab
 * from the publisher's sent lines and the subscriber's received lines; the two must agree.
 * Misses do not stop the run: all rounds are measured and reported, and the caller fails on
 * any miss.
 */
final class DetectionTrials implements AutoCloseable {

	/** How long past its bound the lab keeps watching, so a late detection shows as such. */
	static final Duration WATCH_PAST_BOUND = Duration.ofSeconds(1);

	/** The fault is held for up to this much after the last detection, so path-back meets varied back-off states. */
	private static final Duration MAX_HOLD = Duration.ofMillis(500);

	/** A reset connection is usually back within this; a link's reset is started this early. */
	private static final Duration RECONNECT_LEAD = Duration.ofMillis(150);

	/** Longer than the starter's 5 s handshake timeout plus a reconnect: a stalled greeting is retried. */
	private static final Duration HANDSHAKE_WAIT = Duration.ofSeconds(20);

	private static final int BATCH = 20;

	private static final Duration DELIVERY_WINDOW = Duration.ofSeconds(5);

	/** The starter publishers send a quote every 200 ms; one arrives well within this. */
	private static final Duration QUOTE_WAIT = Duration.ofSeconds(3);

	private static final Pattern HANDSHAKE = LabPatterns.event("handshake-succeeded");

	private static final Pattern REMOTE = Pattern.compile("remote=(\\S+)");

	private final NatLab lab;

	private final List<TrialLink> links;

	private final long seed;

	private final Random random;

	private final ExecutorService recoveries;

	private final Map<String, TrialSeries> series = new LinkedHashMap<>();

	/** Each link's running loss totals when its last round ended (links recover in parallel). */
	private final Map<TrialLink, LossCounts> losses = new ConcurrentHashMap<>();

	DetectionTrials(NatLab lab, List<TrialLink> links, long seed) {
		this.lab = lab;
		this.links = List.copyOf(links);
		this.seed = seed;
		this.random = new Random(seed);
		this.recoveries = Executors.newFixedThreadPool(links.size(), (task) -> {
			Thread thread = new Thread(task, "natlab-recovery");
			thread.setDaemon(true);
			return thread;
		});
		for (TrialLink link : this.links) {
			LossCounts before = settledLosses(link, Instant.now());
			this.losses.put(link, before);
			System.out.println("natlab trials: " + link + " lost before the first round " + before.describe());
		}
	}

	/**
	 * Run rounds of one fault.
	 * @return the series this fault produced, one per link and observer
	 */
	List<TrialSeries> run(TrialFault fault, int rounds) {
		List<TrialLink> involved = this.links.stream().filter((link) -> !fault.observers(link).isEmpty()).toList();
		for (int round = 1; round <= rounds; round++) {
			runRound(fault, involved, round);
		}
		return this.series.values().stream().filter((trials) -> trials.scenario().equals(fault.description())).toList();
	}

	private void runRound(TrialFault fault, List<TrialLink> involved, int round) {
		Map<TrialLink, Connection> connections = freshConnections(involved, round);
		Map<TrialLink, Instant> faults = fault.inject(this.lab, involved);
		Map<TrialLink, Map<Observer, Duration>> detections = observe(fault, involved, connections, faults);
		Waits.pause(Duration.ofMillis((long) (this.random.nextDouble() * MAX_HOLD.toMillis())));
		Instant pathBack = Instant.now();
		fault.heal(this.lab, involved);
		Map<TrialLink, Recovery> recoveries = recoverAll(involved, pathBack);
		for (TrialLink link : involved) {
			Recovery recovery = recoveries.get(link);
			Connection connection = connections.get(link);
			Duration age = connection.age(faults.get(link));
			for (Observer observer : fault.observers(link)) {
				Duration detection = detections.get(link).get(observer);
				String exempt = exemption(link, observer, age);
				record(fault, link, observer, new Trial(age, detection, recovery.time(), recovery.published(),
						recovery.lost(), recovery.losses(), exempt));
				System.out.println("natlab trial " + fault.description() + " round " + round + " " + link + " observer="
						+ observer.id() + " age=" + LabReport.format(age, "?") + " (planned "
						+ LabReport.format(connection.plannedAge(), "?") + ") detection="
						+ LabReport.format(detection, "never") + " bound=" + LabReport.format(link.bound(observer), "?")
						+ " recovery=" + LabReport.format(recovery.time(), "never") + " lost=" + recovery.lost()
						+ " lost-in-round(meter/lab)=" + recovery.losses().describe()
						+ ((exempt != null) ? " (not counted: " + exempt + ")" : ""));
			}
		}
	}

	/**
	 * Wait for each observer's disconnected event, up to a second past its bound. The links
	 * were faulted together, so waiting for them one after another costs no extra time.
	 */
	private Map<TrialLink, Map<Observer, Duration>> observe(TrialFault fault, List<TrialLink> involved,
			Map<TrialLink, Connection> connections, Map<TrialLink, Instant> faults) {
		Map<TrialLink, Map<Observer, Duration>> detections = new HashMap<>();
		for (TrialLink link : involved) {
			Instant faultTime = faults.get(link);
			Duration age = connections.get(link).age(faultTime);
			for (Observer observer : fault.observers(link)) {
				Instant deadline = faultTime.plus(link.bound(observer)).plus(WATCH_PAST_BOUND);
				Duration wait = Duration.between(Instant.now(), deadline);
				Optional<OutputLine> disconnected = link.process(observer)
					.findLine(disconnectedPattern(observer, connections.get(link)), faultTime,
							wait.isNegative() ? Duration.ZERO : wait);
				Duration detection = disconnected.map((line) -> Duration.between(faultTime, line.time())).orElse(null);
				detections.computeIfAbsent(link, (key) -> new HashMap<>()).put(observer, detection);
				if ((detection == null || detection.compareTo(link.bound(observer)) > 0)
						&& exemption(link, observer, age) == null) {
					printEvidence(fault, link, observer, age);
				}
			}
		}
		return detections;
	}

	/**
	 * Recovery of every link at once: each one's time counts from the same path-back, so one
	 * link's wait must not delay the next one's first probe.
	 */
	private Map<TrialLink, Recovery> recoverAll(List<TrialLink> involved, Instant pathBack) {
		Map<TrialLink, CompletableFuture<Recovery>> recovering = new LinkedHashMap<>();
		for (TrialLink link : involved) {
			recovering.put(link, CompletableFuture.supplyAsync(() -> recover(link, pathBack), this.recoveries));
		}
		Map<TrialLink, Recovery> recovered = new LinkedHashMap<>();
		recovering.forEach((link, recovery) -> recovered.put(link, recovery.join()));
		return recovered;
	}

	/**
	 * Give each link a fresh connection, timed so that at the returned fault moment each one
	 * has an age drawn at random: resets run oldest first, each timed to come up that long
	 * before the fault.
	 */
	private Map<TrialLink, Connection> freshConnections(List<TrialLink> involved, int round) {
		Map<TrialLink, Duration> ages = new HashMap<>();
		for (int i = 0; i < involved.size(); i++) {
			ages.put(involved.get(i), plannedAge(involved.get(i), (round + i) % 2 == 0));
		}
		List<TrialLink> oldestFirst = involved.stream()
			.sorted(Comparator.comparing(ages::get).reversed())
			.toList();
		Map<TrialLink, Connection> connections = new LinkedHashMap<>();
		Instant faultAt = null;
		for (TrialLink link : oldestFirst) {
			if (faultAt != null) {
				Waits.pause(Duration.between(Instant.now(), faultAt.minus(ages.get(link)).minus(RECONNECT_LEAD)));
			}
			Connection connection = reconnect(link, ages.get(link));
			connections.put(link, connection);
			Instant planned = connection.handshake().plus(ages.get(link));
			if (faultAt == null || connection.handshake().isAfter(faultAt)) {
				// The first link sets the moment; a slow handshake only pushes it past itself.
				faultAt = (faultAt == null) ? planned : connection.handshake();
			}
		}
		Waits.pause(Duration.between(Instant.now(), faultAt));
		return connections;
	}

	/**
	 * Early: before the second PING; otherwise up to twice that age (two to four PING cycles
	 * in, a connection's timers are in every state they will ever be in). Uniform within
	 * each. Each link alternates between the two from round to round, so exactly half its
	 * faults are early, whatever the random draws.
	 */
	private Duration plannedAge(TrialLink link, boolean early) {
		long young = link.youngAge().toMillis();
		long millis = early ? (long) (this.random.nextDouble() * young) : young + (long) (this.random.nextDouble() * young);
		return Duration.ofMillis(millis);
	}

	/** Destroy the subscriber's connection; wait until the starter has made and shaken hands on a new one. */
	private Connection reconnect(TrialLink link, Duration plannedAge) {
		Instant before = Instant.now();
		Commands.runIn(this.lab.topology.namespace(Host.SUBSCRIBER), "ss", "-K", "-tn", "dst",
				NatTopology.PUBLISHER_ADDRESS, "dport", "=", ":" + link.port());
		Instant handshake = link.subscriber().awaitLine(HANDSHAKE, before, HANDSHAKE_WAIT).time();
		String publisherRemote = null;
		if (link.publisherViewed()) {
			// The publisher's view must be read on this connection only: its remote address names it.
			OutputLine accepted = link.publisher().process().awaitLine(HANDSHAKE, before, HANDSHAKE_WAIT);
			Matcher remote = REMOTE.matcher(accepted.text());
			if (!remote.find()) {
				throw new IllegalStateException(link + ": no remote address in " + accepted);
			}
			publisherRemote = remote.group(1);
		}
		return new Connection(handshake, publisherRemote, plannedAge);
	}

	private static Pattern disconnectedPattern(Observer observer, Connection connection) {
		if (observer == Observer.SUBSCRIBER) {
			// The subscriber has one connection; the reset one ended before the new handshake.
			return LabPatterns.DISCONNECTED;
		}
		return Pattern.compile(LabPatterns.DISCONNECTED.pattern() + ".* remote=" + Pattern.quote(connection.publisherRemote())
				+ "$", Pattern.CASE_INSENSITIVE);
	}

	private static String exemption(TrialLink link, Observer observer, Duration age) {
		if (observer == Observer.PUBLISHER && link.publisherBlindUntil() != null
				&& age.compareTo(link.publisherBlindUntil()) < 0) {
			return "TTL only, fault before the subscriber's first PING (at " + LabReport.format(
					link.settings().heartbeatInterval(), "?") + ") could carry a TTL";
		}
		return null;
	}

	private Recovery recover(TrialLink link, Instant pathBack) {
		Duration bound = link.settings().recoveryBound();
		Optional<OutputLine> first = Deliveries.awaitFirstDelivery(link.publisher(), link.subscriber(), pathBack,
				bound.plusSeconds(10));
		Instant since = first.map(OutputLine::time).orElse(pathBack);
		List<Long> batch = link.publisher().publish(BATCH);
		List<Long> missing = Deliveries.missingAfter(batch, link.subscriber(), since, DELIVERY_WINDOW);
		LossCounts now = settledLosses(link, Instant.now());
		LossCounts round = now.since(this.losses.put(link, now));
		return new Recovery(first.map((line) -> Duration.between(pathBack, line.time())).orElse(null), batch.size(),
				missing.size(), round);
	}

	/**
	 * A link's running loss totals, once a message of every kind its publisher sends has
	 * arrived after {@code since}: a sequence count sees a gap only when a later message
	 * arrives, and the lab's count only when a later one of the same kind does. Ticks have
	 * just arrived; the starter publishers' quotes follow within 200 ms.
	 */
	private LossCounts settledLosses(TrialLink link, Instant since) {
		if (!link.publisher().process().linesMatching(LabPatterns.SENT_QUOTE).isEmpty()
				&& link.subscriber().findLine(LabPatterns.RECEIVED_QUOTE, since, QUOTE_WAIT).isEmpty()) {
			System.out.println("natlab trials: " + link + " no quote arrived within " + QUOTE_WAIT
					+ "; its loss counts may not agree");
		}
		return link.losses(this.lab.topology);
	}

	private void printEvidence(TrialFault fault, TrialLink link, Observer observer, Duration age) {
		Host host = (observer == Observer.SUBSCRIBER) ? Host.SUBSCRIBER : Host.PUBLISHER;
		System.out.println("natlab: MISS " + fault.description() + " " + link + " observer=" + observer.id() + " age="
				+ LabReport.format(age, "?") + "; ss -tnoi on the " + observer.id() + "'s host:\n"
				+ this.lab.topology.socketDetails(host, link.port()) + "last lines of the " + observer.id() + ":\n"
				+ link.process(observer).tail(8));
	}

	private void record(TrialFault fault, TrialLink link, Observer observer, Trial trial) {
		String key = fault.name() + "|" + link.name() + "|" + observer;
		TrialSeries trials = this.series.get(key);
		if (trials == null) {
			trials = new TrialSeries(fault.description(), observer.id(), link.publisher().description(),
					SampleAppSubscriber.INSTANCE.description(),
					"subscriber " + link.settings().describe() + "; publisher " + link.publisherSettings(),
					link.bound(observer), link.settings().recoveryBound(), link.youngAge(), List.of());
		}
		trials = trials.with(trial);
		this.series.put(key, trials);
		LabReport.put(trials);
	}

	/** How the trials are made, for the report. */
	String method() {
		return String.format(Locale.ROOT,
				"Each scenario is a series of rounds over the same long-lived processes (random seed %d). A round gives "
						+ "every link a fresh connection (its subscriber's socket destroyed with `ss -K`; the starter "
						+ "reconnects and shakes hands anew, so all heartbeat timers start again), waits until each "
						+ "connection reaches an age drawn at random (per link, every other round before the subscriber's "
						+ "second PING, otherwise up to twice that age), injects the fault, waits for every observer's disconnected event, "
						+ "holds the fault 0-%d ms longer, ends it, and checks each link delivers again and loses "
						+ "nothing. Every message lost in a round is counted by the subscriber's meter from the envelope "
						+ "and by the lab from the sent and received lines; the counts must agree. Links are independent publisher/subscriber process pairs on their own ports; a "
						+ "blackhole at the router is one trial for each of them.",
				this.seed, MAX_HOLD.toMillis());
	}

	@Override
	public void close() {
		this.recoveries.shutdownNow();
	}

	/** A link's connection as the round made it. */
	private record Connection(Instant handshake, String publisherRemote, Duration plannedAge) {

		Duration age(Instant fault) {
			return Duration.between(this.handshake, fault);
		}

	}

	private record Recovery(Duration time, int published, int lost, LossCounts losses) {
	}

}
