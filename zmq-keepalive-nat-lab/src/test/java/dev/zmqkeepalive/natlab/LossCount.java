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
 */
record LossCount(long meter, long harness, long unframed) {

	boolean agrees() {
		return this.meter == this.harness && this.unframed == 0;
	}

	String describe() {
		return "lost: meter " + this.meter + ", harness " + this.harness + ", unframed " + this.unframed;
	}

	/** One publisher instance and when it started; it ends where the next one starts. */
	record Instance(LabPublisher publisher, Instant from) {
	}

	static LossCount count(List<Instance> instances, LabSubscriber kind, NatTopology topology, LabProcess subscriber) {
		long harness = 0;
		for (int i = 0; i < instances.size(); i++) {
			Instant from = instances.get(i).from();
			Instant to = (i + 1 < instances.size()) ? instances.get(i + 1).from() : Instant.MAX;
			harness += harnessLost(instances.get(i).publisher().published(), receivedTicks(subscriber, from, to));
		}
		return new LossCount(kind.lostMeter(topology, subscriber), harness, kind.unframedMeter(topology, subscriber));
	}

	/**
	 * What a publisher instance published between the first and the last tick the subscriber
	 * received from it that never arrived. Before the first receipt is not loss to a sequence
	 * count (the subscriber had not heard of the instance), nor after the last (no later
	 * message has shown the gap yet).
	 */
	static long harnessLost(List<Long> published, List<Long> received) {
		if (received.isEmpty()) {
			return 0;
		}
		long first = received.stream().mapToLong(Long::longValue).min().getAsLong();
		long last = received.stream().mapToLong(Long::longValue).max().getAsLong();
		Set<Long> arrived = new HashSet<>(received);
		return published.stream().filter((tick) -> tick > first && tick < last && !arrived.contains(tick)).count();
	}

	static List<Long> receivedTicks(LabProcess subscriber, Instant from, Instant to) {
		List<Long> ticks = new ArrayList<>();
		for (OutputLine line : subscriber.linesMatching(LabPatterns.RECEIVED, from)) {
			if (line.time().isBefore(to)) {
				Matcher matcher = LabPatterns.RECEIVED.matcher(line.text());
				matcher.find();
				ticks.add(Long.parseLong(matcher.group(1)));
			}
		}
		return ticks;
	}

}
