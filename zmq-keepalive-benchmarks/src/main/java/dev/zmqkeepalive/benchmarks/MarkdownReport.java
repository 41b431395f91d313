package dev.zmqkeepalive.benchmarks;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * Renders a run as Markdown: where and how it ran, every round, then medians, the
 * starter/plain ratios of the medians and what the envelope costs against the starter
 * without it.
 *
 * @author zmq-keepalive
 */
final class MarkdownReport {

	static final String COMMAND = "./mvnw -q -pl zmq-keepalive-benchmarks -am package -DskipTests -Dbenchmark";

	private final BenchmarkSettings settings;

	private final List<ThroughputRound> throughput;

	private final List<LatencyRound> latency;

	private final StringBuilder out = new StringBuilder();

	private final String arguments;

	private final String loadAtStart;

	private final String envelopeName;

	MarkdownReport(BenchmarkSettings settings, String arguments, String loadAtStart, String envelopeName,
			List<ThroughputRound> throughput, List<LatencyRound> latency) {
		this.settings = settings;
		this.envelopeName = envelopeName;
		this.arguments = arguments;
		this.loadAtStart = loadAtStart;
		this.throughput = throughput;
		this.latency = latency;
	}

	String render() {
		header();
		throughputRounds();
		throughputSummary();
		envelopeSummary();
		latencyRounds();
		latencySummary();
		return this.out.toString();
	}

	private void header() {
		line("# zmq-keepalive benchmark: starter vs plain JeroMQ");
		line();
		line("- Date: " + ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
		line("- JDK: " + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version") + " ("
				+ System.getProperty("java.vm.vendor") + "), heap max "
				+ Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MB");
		line("- OS: " + System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
				+ System.getProperty("os.arch") + ", " + Runtime.getRuntime().availableProcessors() + " CPUs");
		line("- JeroMQ: " + jeromqJar());
		line("- Command: `" + COMMAND + "`" + (this.arguments.isEmpty() ? "" : " with `-Dbenchmark.args=\"" + this.arguments + "\"`"));
		line("- Load average (1/5/15 min) at start: " + this.loadAtStart + ", at end: " + LoadAverage.read()
				+ " (other processes on the machine compete for the same 2 cores)");
		line("- Messages: topic frame `bench` (5 bytes) + " + this.settings.payloadBytes() + "-byte payload, "
				+ "tcp://127.0.0.1, send-hwm 0 and receive-hwm 0 on both links (lossless)");
		line("- Links: plain JeroMQ; the starter (`ZmqTemplate` to a `ZmqMessageListener`); "
				+ (this.settings.envelope() ? "the starter with `envelope: true` on both sockets"
						: "**control run**: the envelope link with the envelope off")
				+ " (`" + this.envelopeName + "`: a `@ZmqListener(byte[] topic, byte[] payload)` method, "
				+ "the messaging meters bound to a `SimpleMeterRegistry`)");
		line("- Throughput: " + this.settings.rounds() + " rounds of " + String.format(Locale.ROOT, "%,d",
				this.settings.messages()) + " messages per case, counted at the subscriber from the first send "
				+ "to the last receive, after one warm-up trial per case");
		line();
	}

	/** The jar JeroMQ was loaded from: its file name carries the version actually used. */
	private static String jeromqJar() {
		String location = String.valueOf(org.zeromq.ZMQ.class.getProtectionDomain().getCodeSource().getLocation());
		return location.substring(location.lastIndexOf('/', location.length() - 2) + 1);
	}

	private void throughputRounds() {
		int senders = this.settings.concurrentSenders();
		String e = this.envelopeName;
		line("## Throughput per round (M msg/s received)");
		line();
		line("| Round | plain, 1 sender | starter, 1 | starter, " + senders + " | " + e + ", 1 | " + e + ", " + senders
				+ " | starter 1 / plain | starter " + senders + " / plain | " + e + " 1 / plain | " + e + " " + senders
				+ " / plain | " + e + " 1 / starter 1 | " + e + " " + senders + " / starter " + senders
				+ " | lost (all cases) |");
		line("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
		for (ThroughputRound round : this.throughput) {
			double plain = round.plain().rate();
			line("| " + round.number() + " | " + mps(plain) + " | " + mps(round.starterSingle().rate()) + " | "
					+ mps(round.starterConcurrent().rate()) + " | " + mps(round.envelopeSingle().rate()) + " | "
					+ mps(round.envelopeConcurrent().rate()) + " | " + ratio(round.starterSingle().rate() / plain)
					+ " | " + ratio(round.starterConcurrent().rate() / plain) + " | "
					+ ratio(round.envelopeSingle().rate() / plain) + " | "
					+ ratio(round.envelopeConcurrent().rate() / plain) + " | "
					+ ratio(round.envelopeSingle().rate() / round.starterSingle().rate()) + " | "
					+ ratio(round.envelopeConcurrent().rate() / round.starterConcurrent().rate()) + " | "
					+ round.plain().lost() + " / " + round.starterSingle().lost() + " / "
					+ round.starterConcurrent().lost() + " / " + round.envelopeSingle().lost() + " / "
					+ round.envelopeConcurrent().lost() + " |");
		}
		line();
	}

	private void throughputSummary() {
		int senders = this.settings.concurrentSenders();
		double plain = Stats.median(this.throughput, (round) -> round.plain().rate());
		line("## Throughput summary");
		line();
		line("| Case | median M msg/s | min | max | /plain (ratio of medians) | median of per-round ratios | messages lost |");
		line("|---|---:|---:|---:|---:|---:|---:|");
		summaryRow("plain JeroMQ, 1 sender", (round) -> round.plain().rate(), plain,
				this.throughput.stream().mapToLong((round) -> round.plain().lost()).sum());
		summaryRow("starter, 1 sender", (round) -> round.starterSingle().rate(), plain,
				this.throughput.stream().mapToLong((round) -> round.starterSingle().lost()).sum());
		summaryRow("starter, " + senders + " senders", (round) -> round.starterConcurrent().rate(), plain,
				this.throughput.stream().mapToLong((round) -> round.starterConcurrent().lost()).sum());
		summaryRow(this.envelopeName + ", 1 sender", (round) -> round.envelopeSingle().rate(), plain,
				this.throughput.stream().mapToLong((round) -> round.envelopeSingle().lost()).sum());
		summaryRow(this.envelopeName + ", " + senders + " senders", (round) -> round.envelopeConcurrent().rate(), plain,
				this.throughput.stream().mapToLong((round) -> round.envelopeConcurrent().lost()).sum());
		line();
	}

	private void summaryRow(String label, ToDoubleFunction<ThroughputRound> rate, double plainMedian, long lost) {
		double median = Stats.median(this.throughput, rate);
		double pairedRatio = Stats.median(this.throughput,
				(round) -> rate.applyAsDouble(round) / round.plain().rate());
		line("| " + label + " | " + mps(median) + " | " + mps(Stats.min(this.throughput, rate)) + " | "
				+ mps(Stats.max(this.throughput, rate)) + " | " + ratio(median / plainMedian) + " | "
				+ ratio(pairedRatio) + " | " + lost + " |");
	}

	/** The envelope link against the starter without it: what switching it on costs. */
	private void envelopeSummary() {
		int senders = this.settings.concurrentSenders();
		line("## " + this.envelopeName + " / starter (throughput)");
		line();
		line("| Senders | ratio of medians | median of per-round ratios | min | max |");
		line("|---:|---:|---:|---:|---:|");
		envelopeRow("1", ThroughputRound::envelopeSingle, ThroughputRound::starterSingle);
		envelopeRow(String.valueOf(senders), ThroughputRound::envelopeConcurrent, ThroughputRound::starterConcurrent);
		line();
	}

	private void envelopeRow(String label, Function<ThroughputRound, ThroughputResult> with,
			Function<ThroughputRound, ThroughputResult> without) {
		ToDoubleFunction<ThroughputRound> paired = (round) -> with.apply(round).rate() / without.apply(round).rate();
		double medians = Stats.median(this.throughput, (round) -> with.apply(round).rate())
				/ Stats.median(this.throughput, (round) -> without.apply(round).rate());
		line("| " + label + " | " + ratio(medians) + " | " + ratio(Stats.median(this.throughput, paired)) + " | "
				+ ratio(Stats.min(this.throughput, paired)) + " | " + ratio(Stats.max(this.throughput, paired)) + " |");
	}

	private void latencyRounds() {
		String e = this.envelopeName;
		line("## One-way latency per round (µs), " + String.format(Locale.ROOT, "%,d", this.settings.latencyRate())
				+ " msg/s for " + this.settings.latencyDuration().toMillis() + " ms");
		line();
		line("| Round | plain p50 | plain p99 | plain p99.9 | starter p50 | starter p99 | starter p99.9 | " + e + " p50 | "
				+ e + " p99 | " + e + " p99.9 | lost (plain / starter / " + e + ") |");
		line("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
		for (LatencyRound round : this.latency) {
			LatencyResult plain = round.plain();
			LatencyResult starter = round.starter();
			LatencyResult envelope = round.envelope();
			line("| " + round.number() + " | " + us(plain.p50Micros()) + " | " + us(plain.p99Micros()) + " | "
					+ us(plain.p999Micros()) + " | " + us(starter.p50Micros()) + " | " + us(starter.p99Micros()) + " | "
					+ us(starter.p999Micros()) + " | " + us(envelope.p50Micros()) + " | " + us(envelope.p99Micros())
					+ " | " + us(envelope.p999Micros()) + " | " + plain.lost() + " / " + starter.lost() + " / "
					+ envelope.lost() + " |");
		}
		line();
	}

	private void latencySummary() {
		String e = this.envelopeName;
		line("## Latency summary (median over rounds, µs)");
		line();
		line("| Percentile | plain JeroMQ | starter | " + e + " | starter/plain | " + e + "/plain | " + e + "/starter |");
		line("|---|---:|---:|---:|---:|---:|---:|");
		latencyRow("p50", LatencyResult::p50Micros);
		latencyRow("p99", LatencyResult::p99Micros);
		latencyRow("p99.9", LatencyResult::p999Micros);
		line();
	}

	private void latencyRow(String label, ToDoubleFunction<LatencyResult> value) {
		double plain = Stats.median(this.latency, (round) -> value.applyAsDouble(round.plain()));
		double starter = Stats.median(this.latency, (round) -> value.applyAsDouble(round.starter()));
		double envelope = Stats.median(this.latency, (round) -> value.applyAsDouble(round.envelope()));
		line("| " + label + " | " + us(plain) + " | " + us(starter) + " | " + us(envelope) + " | "
				+ ratio(starter / plain) + " | " + ratio(envelope / plain) + " | " + ratio(envelope / starter) + " |");
	}

	private static String mps(double rate) {
		return String.format(Locale.ROOT, "%.3f", rate / 1e6);
	}

	private static String us(double micros) {
		return String.format(Locale.ROOT, "%.1f", micros);
	}

	private static String ratio(double ratio) {
		return String.format(Locale.ROOT, "%.2fx", ratio);
	}

	private void line(String text) {
		this.out.append(text).append('\n');
	}

	private void line() {
		this.out.append('\n');
	}

}
