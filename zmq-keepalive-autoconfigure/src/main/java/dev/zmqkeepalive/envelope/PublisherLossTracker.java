package dev.zmqkeepalive.envelope;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * Counts, per publisher instance, the messages a receiving socket never got, from the
 * sequence numbers in their envelopes. A publisher is known by its instance id, so a
 * restarted publisher (a new id, numbering from 1 again) starts a new count instead of
 * looking like a gap or a rewind. Counting starts at the first message seen from each
 * instance: what it sent before (before this socket connected or subscribed) is not
 * loss.
 *
 * <p>
 * Instance ids come from the network, so the tracker keeps at most
 * {@code maxPublishers} of them, forgetting the one heard from least recently; the
 * totals keep what forgotten publishers lost. Thread-safe: the socket's thread records,
 * actuator and metrics threads read.
 *
 * @author zmq-keepalive
 */
public final class PublisherLossTracker {

	private final Map<UUID, Publisher> publishers;

	/**
	 * The publisher the last message came from: usually the next one's too. It is the
	 * most recently used entry of {@link #publishers} already, so finding it here
	 * instead of there leaves the order in which publishers are forgotten as it is, and
	 * it is never the one forgotten (a new one is put after it).
	 */
	private @Nullable Publisher lastPublisher;

	private long lost;

	private long duplicates;

	private long forgotten;

	/**
	 * Create a tracker.
	 * @param maxPublishers most publisher instances to remember
	 */
	public PublisherLossTracker(int maxPublishers) {
		if (maxPublishers < 1) {
			throw new IllegalArgumentException("maxPublishers must be at least 1, not " + maxPublishers);
		}
		this.publishers = new LinkedHashMap<>(16, 0.75f, true) {

			@Override
			protected boolean removeEldestEntry(Map.Entry<UUID, Publisher> eldest) {
				if (size() > maxPublishers) {
					PublisherLossTracker.this.forgotten++;
					return true;
				}
				return false;
			}

		};
	}

	/**
	 * Record an arriving message.
	 * @param envelope its envelope
	 * @param now when it arrived
	 * @return the messages found missing before it, or {@code null} if none
	 */
	public synchronized @Nullable MissingMessages arrived(ZmqEnvelope envelope, Instant now) {
		UUID id = envelope.publisherId();
		long sequence = envelope.sequence();
		Publisher publisher = this.lastPublisher;
		if (publisher == null || !publisher.id.equals(id)) {
			publisher = this.publishers.get(id);
			if (publisher == null) {
				publisher = new Publisher(id, sequence, now);
				this.publishers.put(id, publisher);
				this.lastPublisher = publisher;
				return null;
			}
			this.lastPublisher = publisher;
		}
		publisher.received++;
		publisher.lastSeen = now;
		if (sequence <= publisher.lastSequence) {
			publisher.duplicates++;
			this.duplicates++;
			return null;
		}
		MissingMessages missing = null;
		if (sequence > publisher.lastSequence + 1) {
			missing = new MissingMessages(envelope.publisherId(), publisher.lastSequence + 1, sequence - 1);
			// Numbers come from the network: a lying peer must not wrap the counts negative.
			publisher.lost = saturatedAdd(publisher.lost, missing.count());
			this.lost = saturatedAdd(this.lost, missing.count());
		}
		publisher.lastSequence = sequence;
		return missing;
	}

	private static long saturatedAdd(long a, long b) {
		long sum = a + b;
		return (sum < 0) ? Long.MAX_VALUE : sum;
	}

	/** Messages missing, over every publisher ever seen. */
	public synchronized long lost() {
		return this.lost;
	}

	/** Messages repeated or late, over every publisher ever seen. */
	public synchronized long duplicates() {
		return this.duplicates;
	}

	/** Publisher instances forgotten to stay within the limit. */
	public synchronized long forgotten() {
		return this.forgotten;
	}

	/** The publishers remembered, most recently heard from last. */
	public synchronized List<PublisherStatus> publishers() {
		List<PublisherStatus> statuses = new ArrayList<>();
		this.publishers.forEach((id, p) -> statuses.add(new PublisherStatus(id, p.firstSequence, p.lastSequence,
				p.received, p.lost, p.duplicates, p.firstSeen, p.lastSeen)));
		return statuses;
	}

	private static final class Publisher {

		final UUID id;

		final long firstSequence;

		final Instant firstSeen;

		long lastSequence;

		long received = 1;

		long lost;

		long duplicates;

		Instant lastSeen;

		Publisher(UUID id, long sequence, Instant now) {
			this.id = id;
			this.firstSequence = sequence;
			this.lastSequence = sequence;
			this.firstSeen = now;
			this.lastSeen = now;
		}

	}

}
