package dev.zmqkeepalive.envelope;

import java.time.Instant;
import java.util.UUID;

/**
 * What a receiving socket knows about one publisher instance.
 *
 * @param publisherId the instance id
 * @param firstSequence the first sequence number received from it (above 1 when this
 * socket joined after the publisher started: those earlier messages are not counted as
 * lost)
 * @param lastSequence the highest sequence number received
 * @param received messages received
 * @param lost messages missing between the first and the last received
 * @param duplicates messages whose number was not above the last one (repeated or late)
 * @param firstSeen when its first message arrived
 * @param lastSeen when its last message arrived
 * @author zmq-keepalive
 */
public record PublisherStatus(UUID publisherId, long firstSequence, long lastSequence, long received, long lost,
		long duplicates, Instant firstSeen, Instant lastSeen) {

}
