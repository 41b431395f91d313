package dev.zmqkeepalive.natlab;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;

/**
 * Messages lost, counted twice over the same window: by the subscriber itself from the
 * envelope's sequence numbers (its meter), and by the lab from the ticks it published and the
 * ones the subscriber printed (the harness). With the sample app's timer out of the way the
 * envelope's sequence number n is tick n, so the two must agree.
 *
 * @param meter the subscriber's own count
 * @param harness the lab's count
 * @param unframed messages the subscriber received without an envelope (must be 0)
 * @param logged the tick numbers the subscriber's gap lines
 * ({@code zmq lost socket=ticks-in publisher=… missing=a..b count=n}) name, sorted
 * @param missing the tick numbers the harness counted as lost, sorted
 */
record LossCount(long meter, long harness, long unframed, List<Long> logged, List<Long> missing) {

	/** Same count, no unframed message, and the gap lines name exactly the ticks the harness misses. */
	boolean agrees() {
		return this.meter == this.harness && this.unframed == 0 && this.logged.equals(this.missing);
	}

	String describe() {
		return "lost: meter " + this.meter + ", harness " + this.harness + ", unframed " + this.unframed
				+ ", gap lines name " + this.logged + ", harness misses " + this.missing;
	}

	/** One publisher instance and when it started; it ends where the next one starts. */
	record Instance(LabPublisher publisher, Instant from) {
	}

	static LossCount count(List<Instance> instances, LabSubscriber kind, NatTopology topology, LabProcess subscriber) {
		List<Long> missing = new ArrayList<>();
		for (int i = 0; i < instances.size(); i++) {
			Instant from = instances.get(i).from();
			Instant to = (i + 1 < instances.size()) ? instances.get(i + 1).from() : Instant.MAX;
			missing.addAll(harnessMissing(instances.get(i).publisher().published(), receivedTicks(subscriber, from, to)));
		}
		missing.sort(null);
		List<Long> logged = new ArrayList<>();
		for (OutputLine line : subscriber.linesMatching(LabPatterns.LOST)) {
			Matcher matcher = LabPatterns.LOST.matcher(line.text());
			matcher.find();
			for (long tick = Long.parseLong(matcher.group(1)); tick <= Long.parseLong(matcher.group(2)); tick++) {
				logged.add(tick);
			}
		}
		logged.sort(null);
		return new LossCount(kind.lostMeter(topology, subscriber), missing.size(), kind.unframedMeter(topology, subscriber),
				logged, missing);
	}

	/**
	 * What a publisher instance published between the first and the last tick the subscriber
	 * received from it that never arrived. Before the first receipt is not loss to a sequence
	 * count (the subscriber had not heard of the instance), nor after the last (no later
	 * message has shown the gap yet).
	 */
	static long harnessLost(List<Long> published, List<Long> received) {
		return harnessMissing(published, received).size();
	}

	static List<Long> harnessMissing(List<Long> published, List<Long> received) {
		if (received.isEmpty()) {
			return List.of();
		}
		long first = received.stream().mapToLong(Long::longValue).min().getAsLong();
		long last = received.stream().mapToLong(Long::longValue).max().getAsLong();
		Set<Long> arrived = new HashSet<>(received);
		return published.stream().filter((tick) -> tick > first && tick < last && !arrived.contains(tick)).toList();
	}

	static List<Long> receivedTicks(LabProcess subscriber, Instant from, Instant to) {
		return numbers(subscriber, LabPatterns.RECEIVED, from, to);
	}

	/**
	 * Running totals for a link whose publisher may send ticks and quotes on one socket (the
	 * sample app's timer does): the lab counts each kind on its own numbering, from what every
	 * publisher instance logged as sent, between the first and the last of that kind the
	 * subscriber logged from it. The envelope numbers both kinds in one sequence, so only the
	 * totals compare, not the gap lines' ranges.
	 * @param meter the subscriber's lost meter, read just before
	 * @param unframed the subscriber's unframed meter, read just before
	 */
	static LossCounts ofTicksAndQuotes(List<Instance> instances, LabProcess subscriber, long meter, long unframed) {
		long harness = 0;
		for (int i = 0; i < instances.size(); i++) {
			Instant from = instances.get(i).from();
			Instant to = (i + 1 < instances.size()) ? instances.get(i + 1).from() : Instant.MAX;
			LabProcess publisher = instances.get(i).publisher().process();
			harness += harnessLost(numbers(publisher, LabPatterns.SENT, Instant.EPOCH, Instant.MAX),
					numbers(subscriber, LabPatterns.RECEIVED, from, to));
			harness += harnessLost(numbers(publisher, LabPatterns.SENT_QUOTE, Instant.EPOCH, Instant.MAX),
					numbers(subscriber, LabPatterns.RECEIVED_QUOTE, from, to));
		}
		return new LossCounts(meter, gapEvents(subscriber), harness, unframed);
	}

	/** The sum of the counts of the gap lines the subscriber logged. */
	static long gapEvents(LabProcess subscriber) {
		long count = 0;
		for (OutputLine line : subscriber.linesMatching(LabPatterns.LOST)) {
			Matcher matcher = LabPatterns.LOST.matcher(line.text());
			matcher.find();
			count += Long.parseLong(matcher.group(3));
		}
		return count;
	}

	private static List<Long> numbers(LabProcess process, java.util.regex.Pattern pattern, Instant from, Instant to) {
		List<Long> numbers = new ArrayList<>();
		for (OutputLine line : process.linesMatching(pattern, from)) {
			if (line.time().isBefore(to)) {
				Matcher matcher = pattern.matcher(line.text());
				matcher.find();
				numbers.add(Long.parseLong(matcher.group(1)));
			}
		}
		return numbers;
	}

}
