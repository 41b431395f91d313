package dev.zmqkeepalive.benchmarks;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * Renders a run as Markdown: where and how it ran, every round, then medians and the
 * starter/plain ratios of the medians.
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

	MarkdownReport(BenchmarkSettings settings, String arguments, String loadAtStart, List<ThroughputRound> throughput,
			List<LatencyRound> latency) {
		this.settings = settings;
		this.arguments = arguments;
		this.loadAtStart = loadAtStart;
		this.throughput = throughput;
		this.latency = latency;
	}

	String render() {
		header();
		throughputRounds();
		throughputSummary();
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
		line("## Throughput per round (M msg/s received)");
		line();
		line("| Round | plain JeroMQ, 1 sender | starter, 1 sender | starter, " + senders
				+ " senders | starter 1 / plain | starter " + senders + " / plain | lost (plain / starter 1 / starter "
				+ senders + ") |");
		line("|---:|---:|---:|---:|---:|---:|---:|");
		for (ThroughputRound round : this.throughput) {
			double plain = round.plain().rate();
			line("| " + round.number() + " | " + mps(plain) + " | " + mps(round.starterSingle().rate()) + " | "
					+ mps(round.starterConcurrent().rate()) + " | " + ratio(round.starterSingle().rate() / plain) + " | "
					+ ratio(round.starterConcurrent().rate() / plain) + " | " + round.plain().lost() + " / "
					+ round.starterSingle().lost() + " / " + round.starterConcurrent().lost() + " |");
		}
		line();
	}

	private void throughputSummary() {
		double plain = Stats.median(this.throughput, (round) -> round.plain().rate());
		line("## Throughput summary");
		line();
		line("| Case | median M msg/s | min | max | starter/plain (ratio of medians) | median of per-round ratios | messages lost |");
		line("|---|---:|---:|---:|---:|---:|---:|");
		summaryRow("plain JeroMQ, 1 sender", (round) -> round.plain().rate(), plain,
				this.throughput.stream().mapToLong((round) -> round.plain().lost()).sum());
		summaryRow("starter, 1 sender", (round) -> round.starterSingle().rate(), plain,
				this.throughput.stream().mapToLong((round) -> round.starterSingle().lost()).sum());
		summaryRow("starter, " + this.settings.concurrentSenders() + " senders",
				(round) -> round.starterConcurrent().rate(), plain,
				this.throughput.stream().mapToLong((round) -> round.starterConcurrent().lost()).sum());
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

	private void latencyRounds() {
		line("## One-way latency per round (µs), " + String.format(Locale.ROOT, "%,d", this.settings.latencyRate())
				+ " msg/s for " + this.settings.latencyDuration().toMillis() + " ms");
		line();
		line("| Round | plain p50 | plain p99 | plain p99.9 | starter p50 | starter p99 | starter p99.9 | lost (plain / starter) |");
		line("|---:|---:|---:|---:|---:|---:|---:|---:|");
		for (LatencyRound round : this.latency) {
			LatencyResult plain = round.plain();
			LatencyResult starter = round.starter();
			line("| " + round.number() + " | " + us(plain.p50Micros()) + " | " + us(plain.p99Micros()) + " | "
					+ us(plain.p999Micros()) + " | " + us(starter.p50Micros()) + " | " + us(starter.p99Micros()) + " | "
					+ us(starter.p999Micros()) + " | " + plain.lost() + " / " + starter.lost() + " |");
		}
		line();
	}

	private void latencySummary() {
		line("## Latency summary (median over rounds, µs)");
		line();
		line("| Percentile | plain JeroMQ | starter | starter/plain |");
		line("|---|---:|---:|---:|");
		latencyRow("p50", LatencyResult::p50Micros);
		latencyRow("p99", LatencyResult::p99Micros);
		latencyRow("p99.9", LatencyResult::p999Micros);
		line();
	}

	private void latencyRow(String label, ToDoubleFunction<LatencyResult> value) {
		double plain = Stats.median(this.latency, (round) -> value.applyAsDouble(round.plain()));
		double starter = Stats.median(this.latency, (round) -> value.applyAsDouble(round.starter()));
		line("| " + label + " | " + us(plain) + " | " + us(starter) + " | " + ratio(starter / plain) + " |");
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
