package dev.zmqkeepalive.benchmarks;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Compares the starter with plain JeroMQ in one run, on one machine, so the ratio holds
 * even where the absolute figures do not. Runs warm-up trials, then alternates plain and
 * starter throughput rounds, then latency rounds, and prints a Markdown report (also
 * written to {@code target/benchmark-report.md}).
 *
 * <p>
 * Run from the repository root with
 * {@code ./mvnw -q -pl zmq-keepalive-benchmarks -am package -DskipTests -Dbenchmark};
 * settings as {@code --name=value} arguments, see {@link BenchmarkSettings}.
 *
 * @author zmq-keepalive
 */
public final class ThroughputBenchmark {

	private static final Path REPORT = Path.of("target", "benchmark-report.md");

	private final BenchmarkSettings settings;

	private final byte[] payload;

	private ThroughputBenchmark(BenchmarkSettings settings) {
		this.settings = settings;
		// One payload for every throughput message: neither side pays for allocation, and
		// the template may keep a reference because it is never changed.
		this.payload = new byte[settings.payloadBytes()];
		Arrays.fill(this.payload, (byte) 'x');
	}

	public static void main(String[] args) throws Exception {
		BenchmarkSettings settings = BenchmarkSettings.parse(args);
		String report = new ThroughputBenchmark(settings).run(String.join(" ", args));
		System.out.println(report);
		Files.createDirectories(REPORT.getParent());
		Files.writeString(REPORT, report, StandardCharsets.UTF_8);
		System.out.println("Report written to " + REPORT.toAbsolutePath());
		// JeroMQ reaper and Spring threads are daemons or closed; exit explicitly anyway
		// so a lingering thread can never hold the build.
		System.exit(0);
	}

	private String run(String arguments) throws InterruptedException {
		String loadAtStart = LoadAverage.read();
		SinkSwitch plainSinks = new SinkSwitch();
		SinkSwitch starterSinks = new SinkSwitch();
		try (PubSubLink plain = new PlainJeromqLink(plainSinks); PubSubLink starter = new StarterLink(starterSinks)) {
			SubscriptionProbe.awaitDelivery(plain, plainSinks, Duration.ofSeconds(10));
			SubscriptionProbe.awaitDelivery(starter, starterSinks, Duration.ofSeconds(10));
			ThroughputTrial plainThroughput = new ThroughputTrial(plain, plainSinks);
			ThroughputTrial starterThroughput = new ThroughputTrial(starter, starterSinks);
			LatencyTrial plainLatency = new LatencyTrial(plain, plainSinks);
			LatencyTrial starterLatency = new LatencyTrial(starter, starterSinks);

			progress("warm-up");
			plainThroughput.run(1, this.settings.warmupMessages(), this.payload);
			starterThroughput.run(1, this.settings.warmupMessages(), this.payload);
			starterThroughput.run(this.settings.concurrentSenders(), this.settings.warmupMessages(), this.payload);
			plainLatency.run(this.settings.latencyRate(), Duration.ofMillis(500), this.settings.payloadBytes());
			starterLatency.run(this.settings.latencyRate(), Duration.ofMillis(500), this.settings.payloadBytes());

			List<ThroughputRound> throughput = new ArrayList<>();
			for (int round = 1; round <= this.settings.rounds(); round++) {
				// Alternate which link goes first so a slow drift of the machine (heat, a
				// neighbour) does not always favour the same one.
				boolean plainFirst = round % 2 == 1;
				ThroughputResult plainResult = plainFirst ? measure(plainThroughput, 1) : null;
				ThroughputResult single = measure(starterThroughput, 1);
				ThroughputResult concurrent = measure(starterThroughput, this.settings.concurrentSenders());
				if (!plainFirst) {
					plainResult = measure(plainThroughput, 1);
				}
				ThroughputRound result = new ThroughputRound(round, plainResult, single, concurrent);
				throughput.add(result);
				progress(String.format(Locale.ROOT, "throughput round %d: plain %.3f, starter %.3f, starter x%d %.3f M msg/s, lost %d",
						round, plainResult.rate() / 1e6, single.rate() / 1e6, this.settings.concurrentSenders(),
						concurrent.rate() / 1e6, result.lost()));
			}

			List<LatencyRound> latency = new ArrayList<>();
			for (int round = 1; round <= this.settings.latencyRounds(); round++) {
				boolean plainFirst = round % 2 == 1;
				LatencyResult plainResult = plainFirst ? measure(plainLatency) : null;
				LatencyResult starterResult = measure(starterLatency);
				if (!plainFirst) {
					plainResult = measure(plainLatency);
				}
				latency.add(new LatencyRound(round, plainResult, starterResult));
				progress(String.format(Locale.ROOT, "latency round %d: p50/p99 plain %.1f/%.1f us, starter %.1f/%.1f us",
						round, plainResult.p50Micros(), plainResult.p99Micros(), starterResult.p50Micros(),
						starterResult.p99Micros()));
			}
			return new MarkdownReport(this.settings, arguments, loadAtStart, throughput, latency).render();
		}
	}

	private ThroughputResult measure(ThroughputTrial trial, int senders) throws InterruptedException {
		settle();
		return trial.run(senders, this.settings.messages(), this.payload);
	}

	private LatencyResult measure(LatencyTrial trial) throws InterruptedException {
		settle();
		return trial.run(this.settings.latencyRate(), this.settings.latencyDuration(), this.settings.payloadBytes());
	}

	/**
	 * Collect the previous trial's garbage (up to a million queued messages) before the
	 * next one starts, so no trial pays for its predecessor.
	 */
	private static void settle() throws InterruptedException {
		System.gc();
		Thread.sleep(200);
	}

	private static void progress(String message) {
		System.err.println("[benchmark] " + message);
	}

}
