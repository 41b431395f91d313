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
 * even where the absolute figures do not. Three links: plain JeroMQ, the starter, and the
 * starter with the message envelope on at both ends. Runs warm-up trials, then
 * throughput rounds that run every case in alternating order, then latency rounds, and
 * prints a Markdown report (also written to {@code target/benchmark-report.md}).
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
		SinkSwitch envelopeSinks = new SinkSwitch();
		try (PubSubLink plain = new PlainJeromqLink(plainSinks); PubSubLink starter = new StarterLink(starterSinks);
				PubSubLink envelope = StarterLink.withEnvelope(envelopeSinks, this.settings.envelope())) {
			SubscriptionProbe.awaitDelivery(plain, plainSinks, Duration.ofSeconds(10));
			SubscriptionProbe.awaitDelivery(starter, starterSinks, Duration.ofSeconds(10));
			SubscriptionProbe.awaitDelivery(envelope, envelopeSinks, Duration.ofSeconds(10));
			ThroughputTrial plainThroughput = new ThroughputTrial(plain, plainSinks);
			ThroughputTrial starterThroughput = new ThroughputTrial(starter, starterSinks);
			ThroughputTrial envelopeThroughput = new ThroughputTrial(envelope, envelopeSinks);
			LatencyTrial plainLatency = new LatencyTrial(plain, plainSinks);
			LatencyTrial starterLatency = new LatencyTrial(starter, starterSinks);
			LatencyTrial envelopeLatency = new LatencyTrial(envelope, envelopeSinks);
			int senders = this.settings.concurrentSenders();

			progress("warm-up");
			plainThroughput.run(1, this.settings.warmupMessages(), this.payload);
			starterThroughput.run(1, this.settings.warmupMessages(), this.payload);
			starterThroughput.run(senders, this.settings.warmupMessages(), this.payload);
			envelopeThroughput.run(1, this.settings.warmupMessages(), this.payload);
			envelopeThroughput.run(senders, this.settings.warmupMessages(), this.payload);
			plainLatency.run(this.settings.latencyRate(), Duration.ofMillis(500), this.settings.payloadBytes());
			starterLatency.run(this.settings.latencyRate(), Duration.ofMillis(500), this.settings.payloadBytes());
			envelopeLatency.run(this.settings.latencyRate(), Duration.ofMillis(500), this.settings.payloadBytes());

			List<ThroughputRound> throughput = new ArrayList<>();
			for (int round = 1; round <= this.settings.rounds(); round++) {
				// Odd rounds run the cases in one order, even rounds in the reverse, so a
				// slow drift of the machine (heat, a neighbour) does not always favour the
				// same one; each envelope case runs next to its case without.
				boolean forward = round % 2 == 1;
				ThroughputResult[] results = new ThroughputResult[5];
				int[] order = forward ? new int[] { 0, 1, 3, 2, 4 } : new int[] { 4, 2, 3, 1, 0 };
				for (int index : order) {
					results[index] = switch (index) {
						case 0 -> measure(plainThroughput, 1);
						case 1 -> measure(starterThroughput, 1);
						case 2 -> measure(starterThroughput, senders);
						case 3 -> measure(envelopeThroughput, 1);
						default -> measure(envelopeThroughput, senders);
					};
				}
				ThroughputRound result = new ThroughputRound(round, results[0], results[1], results[2], results[3],
						results[4]);
				throughput.add(result);
				progress(String.format(Locale.ROOT,
						"throughput round %d: plain %.3f, starter %.3f, starter x%d %.3f, %s %.3f, %s x%d %.3f M msg/s, lost %d",
						round, results[0].rate() / 1e6, results[1].rate() / 1e6, senders, results[2].rate() / 1e6,
						envelope.name(), results[3].rate() / 1e6, envelope.name(), senders, results[4].rate() / 1e6,
						result.lost()));
			}

			List<LatencyRound> latency = new ArrayList<>();
			for (int round = 1; round <= this.settings.latencyRounds(); round++) {
				boolean forward = round % 2 == 1;
				LatencyResult[] results = new LatencyResult[3];
				int[] order = forward ? new int[] { 0, 1, 2 } : new int[] { 2, 1, 0 };
				for (int index : order) {
					results[index] = measure((index == 0) ? plainLatency : (index == 1) ? starterLatency : envelopeLatency);
				}
				latency.add(new LatencyRound(round, results[0], results[1], results[2]));
				progress(String.format(Locale.ROOT, "latency round %d: p50/p99 plain %.1f/%.1f us, starter %.1f/%.1f us, %s %.1f/%.1f us",
						round, results[0].p50Micros(), results[0].p99Micros(), results[1].p50Micros(),
						results[1].p99Micros(), envelope.name(), results[2].p50Micros(), results[2].p99Micros()));
			}
			return new MarkdownReport(this.settings, arguments, loadAtStart, envelope.name(), throughput, latency)
				.render();
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
