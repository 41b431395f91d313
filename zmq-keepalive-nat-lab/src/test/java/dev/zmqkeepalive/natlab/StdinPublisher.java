package dev.zmqkeepalive.natlab;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;

/**
 * Drives a publisher that takes {@code send N} on stdin and prints {@code sent ...} per
 * message: the plain JeroMQ publisher and the libzmq one.
 */
final class StdinPublisher implements LabPublisher {

	private final LabProcess process;

	private final String description;

	StdinPublisher(LabProcess process, String description) {
		this.process = process;
		this.description = description;
	}

	@Override
	public LabProcess process() {
		return this.process;
	}

	@Override
	public Instant readyAt() {
		return this.process.linesMatching(LabPatterns.READY).get(0).time();
	}

	@Override
	public String description() {
		return this.description;
	}

	@Override
	public List<Long> published() {
		return this.process.linesMatching(LabPatterns.SENT).stream().map((line) -> {
			Matcher matcher = LabPatterns.SENT.matcher(line.text());
			matcher.find();
			return Long.parseLong(matcher.group(1));
		}).toList();
	}

	@Override
	public List<Long> publish(int count) {
		int before = this.process.linesMatching(LabPatterns.SENT).size();
		this.process.send("send " + count);
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (true) {
			List<OutputLine> sent = this.process.linesMatching(LabPatterns.SENT);
			if (sent.size() >= before + count) {
				List<Long> ticks = new ArrayList<>();
				for (OutputLine line : sent.subList(before, before + count)) {
					Matcher matcher = LabPatterns.SENT.matcher(line.text());
					matcher.find();
					ticks.add(Long.parseLong(matcher.group(1)));
				}
				return ticks;
			}
			if (System.nanoTime() > deadline) {
				throw new LabProcess.LabTimeoutException(this.description + " did not send " + count
						+ " messages; last lines:\n" + this.process.tail(10));
			}
			this.process.findLine(LabPatterns.SENT, Instant.now(), Duration.ofMillis(100));
		}
	}

}
